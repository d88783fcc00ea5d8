import { useEffect, useState } from 'react';
import { List, Stack, Text, Title } from '@mantine/core';
import { membership } from '../../api/client';
import type { components } from '../../api/generated/membership';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';

type Access = components['schemas']['MemberAccessResponse'];

/** Why the member may do what they may: the rank's grant and each role's, with the service's own explanation. */
export function MemberAccess({ userId, version }: { userId: string; version: unknown }) {
  const { organization } = useOrganization();
  const { t } = useOrganizationText();
  const [access, setAccess] = useState<Access | null>(null);

  useEffect(() => {
    void (async () => {
      // Only administrators (org.settings) and the person read this; for anyone else the section stays away.
      const { data } = await membership.GET('/organizations/{organizationId}/members/{userId}/access', {
        params: { path: { organizationId: organization.id, userId } },
      });
      setAccess(data ?? null);
    })();
  }, [organization.id, userId, version]);

  if (!access) return null;
  return (
    <Stack component="section" aria-labelledby="access-heading" gap="xs">
      <Title order={2} size="h3" id="access-heading">{t('member.access')}</Title>
      <Title order={3} size="h4">{t('member.access.rank')}</Title>
      <Text>{access.rank.explanation}</Text>
      <Title order={3} size="h4">{t('member.access.roles')}</Title>
      {access.roles.length === 0 ? <Text>{t('member.access.noRoles')}</Text> : (
        <List>{access.roles.map((role) => <List.Item key={role.id}>{role.roleName}: {role.explanation}</List.Item>)}</List>
      )}
      <Title order={3} size="h4">{t('member.access.permissions')}</Title>
      <Text>{access.organizationWidePermissions.join(', ')}</Text>
    </Stack>
  );
}
