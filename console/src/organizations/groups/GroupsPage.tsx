import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Anchor, Stack, Text } from '@mantine/core';
import { membership } from '../../api/client';
import { ListTable } from '../../layout/ListTable';
import { Section } from '../../layout/Section';
import { administers } from '../ranks';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import { CreateGroupForm } from './CreateGroupForm';
import type { MessageGroup } from './groupTypes';
import { useGroupAudience } from './groupAudience';

/** The organization's message groups; managers and above (units.manage or org.settings) create them. */
export default function GroupsPage() {
  const { organization } = useOrganization();
  const { t, word } = useOrganizationText();
  const audience = useGroupAudience();
  const [groups, setGroups] = useState<MessageGroup[] | null>(null);
  const manages = administers(organization.myRank) && organization.state === 'active';
  const base = `/organizations/${organization.id}/groups`;

  const load = useCallback(async () => {
    const { data } = await membership.GET('/organizations/{organizationId}/groups', { params: { path: { organizationId: organization.id } } });
    setGroups(data ?? []);
  }, [organization.id]);
  useEffect(() => { void load(); }, [load]);

  return (
    <Stack>
      <Section title={t('groups.title')}>
        {groups?.length === 0 && <Text>{t('groups.none')}</Text>}
        {groups && groups.length > 0 && (
          <ListTable label={t('groups.title')} rows={groups} rowKey={(g) => g.id}
            columns={[t('groups.name'), t('groups.kind'), t('groups.members'), t('groups.description')]}
            cells={(g) => [
              <Anchor key="name" component={Link} to={`${base}/${g.id}`}>{g.name}</Anchor>,
              word('groups.kind', g.kind),
              audience(g),
              g.description,
            ]} />
        )}
      </Section>
      {manages && (
        <Section title={t('groups.create')}>
          <CreateGroupForm onCreated={() => load()} />
        </Section>
      )}
    </Stack>
  );
}
