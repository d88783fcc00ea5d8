import { useEffect, useState } from 'react';
import { Alert, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { membership } from '../../api/client';
import type { components } from '../../api/generated/membership';
import { asProblem, describe } from '../../api/problem';
import { ConfirmButton } from '../../layout/ConfirmButton';
import { displayName } from '../members/displayName';
import type { Organization } from '../organizationContext';
import { useOrganizationText } from '../text';

type Member = components['schemas']['MemberResponse'];

/** The owner hands the organization to an existing admin or manager; the former owner stays an admin. */
export function OwnershipTransfer({ organization, onTransferred }: { organization: Organization; onTransferred: () => void }) {
  const { t, word } = useOrganizationText();
  const [candidates, setCandidates] = useState<Member[]>([]);
  const [newOwnerId, setNewOwnerId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void (async () => {
      const found = await Promise.all((['admin', 'manager'] as const).map((rank) => membership.GET('/organizations/{organizationId}/members', {
        params: { path: { organizationId: organization.id }, query: { rank, state: 'active', pageSize: 100 } },
      })));
      const people = found.flatMap((answer) => answer.data?.items ?? []);
      setCandidates(people);
      setNewOwnerId(people[0]?.userId ?? '');
    })();
  }, [organization.id]);

  async function transfer() {
    setProblem(null);
    const { data, error } = await membership.POST('/organizations/{organizationId}/ownership', {
      params: { path: { organizationId: organization.id } }, body: { newOwnerId },
    });
    if (data) onTransferred();
    else setProblem(describe(asProblem(error)));
  }

  if (candidates.length === 0) return <Text>{t('ownership.none')}</Text>;
  const chosen = candidates.find((c) => c.userId === newOwnerId);
  return (
    <Stack>
      {problem && <Alert color="red" role="alert">{problem}</Alert>}
      <NativeSelect label={t('ownership.newOwner')} value={newOwnerId} onChange={(e) => setNewOwnerId(e.currentTarget.value)}
        data={candidates.map((c) => ({ value: c.userId, label: `${displayName(c)} (${word('rank', c.rank)})` }))} />
      <Group>
        <ConfirmButton size="sm" label={t('ownership.transfer')} confirmLabel={t('ownership.confirm', { name: chosen ? displayName(chosen) : '' })}
          onConfirm={transfer} />
      </Group>
    </Stack>
  );
}
