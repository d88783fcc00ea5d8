import { useState } from 'react';
import { Alert, Group, Stack, Text } from '@mantine/core';
import { membership } from '../../api/client';
import { asProblem, describe } from '../../api/problem';
import { ConfirmButton } from '../../layout/ConfirmButton';
import type { Organization } from '../organizationContext';
import { useOrganizationText } from '../text';

/** The owner archives the organization: it stays readable, and nothing in it changes any more. */
export function ArchiveOrganization({ organization, onArchived }: { organization: Organization; onArchived: () => void }) {
  const { t } = useOrganizationText();
  const [problem, setProblem] = useState<string | null>(null);

  async function archive() {
    setProblem(null);
    const { response, error } = await membership.POST('/organizations/{organizationId}/archive', { params: { path: { organizationId: organization.id } } });
    if (response.ok) onArchived();
    else setProblem(describe(asProblem(error)));
  }

  return (
    <Stack>
      <Text>{t('archive.hint')}</Text>
      {problem && <Alert color="red" role="alert">{problem}</Alert>}
      <Group>
        <ConfirmButton size="sm" label={t('archive.submit')} confirmLabel={t('archive.confirm', { name: organization.name })} onConfirm={archive} />
      </Group>
    </Stack>
  );
}
