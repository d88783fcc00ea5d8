import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Anchor, Badge, Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import { identity, membership } from '../api/client';
import { CreateOrganizationForm } from './CreateOrganizationForm';
import { JoinOrganizationForm } from './JoinOrganizationForm';
import type { Organization } from './organizationContext';
import { useOrganizationText } from './text';

/**
 * The organizations I belong to, the one my session acts in (the gateway puts it into every request's token), and
 * a form to create one.
 */
export default function OrganizationsPage() {
  const { t, word } = useOrganizationText();
  const [organizations, setOrganizations] = useState<Organization[] | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);

  const load = useCallback(async () => {
    const [mine, session] = await Promise.all([membership.GET('/organizations'), identity.GET('/sessions/current')]);
    setOrganizations(mine.data ?? []);
    setActiveId(session.data?.activeOrganizationId ?? null);
  }, []);
  useEffect(() => { void load(); }, [load]);

  async function makeActive(organizationId: string) {
    const { data } = await identity.PUT('/sessions/current/organization', { body: { organizationId } });
    if (data) setActiveId(data.activeOrganizationId);
  }

  return (
    <Stack maw={900} mx="auto">
      <Title order={1}>{t('orgs.title')}</Title>
      {organizations?.length === 0 && <Text>{t('orgs.none')}</Text>}
      {organizations && organizations.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('orgs.name')}</Table.Th>
              <Table.Th>{t('orgs.rank')}</Table.Th>
              <Table.Th><span className="skip-link">{t('orgs.active')}</span></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {organizations.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td><Anchor component={Link} to={`/organizations/${o.id}`}>{o.name}</Anchor></Table.Td>
                <Table.Td>{word('rank', o.myRank ?? '')}</Table.Td>
                <Table.Td>
                  {o.id === activeId ? (
                    <Badge>{t('orgs.active')}</Badge>
                  ) : (
                    <Button size="xs" variant="default" onClick={() => makeActive(o.id)}>{t('orgs.makeActive', { name: o.name })}</Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Card withBorder component="section" aria-labelledby="create-organization-heading">
        <Title order={2} size="h3" id="create-organization-heading" mb="sm">{t('orgs.create')}</Title>
        <CreateOrganizationForm />
      </Card>
      <Card withBorder component="section" aria-labelledby="join-organization-heading">
        <Title order={2} size="h3" id="join-organization-heading" mb="sm">{t('orgs.join')}</Title>
        <JoinOrganizationForm />
      </Card>
    </Stack>
  );
}
