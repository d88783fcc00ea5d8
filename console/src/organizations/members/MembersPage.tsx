import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Anchor, Pagination, Stack, Table, Text } from '@mantine/core';
import { Section } from '../../layout/Section';
import { CreateAccountForm } from '../accounts/CreateAccountForm';
import { atLeast } from '../ranks';
import { ExportMembersLinks } from './ExportMembersLinks';
import { membership } from '../../api/client';
import type { components } from '../../api/generated/membership';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import { displayName } from './displayName';
import { MemberFilters, type MemberQuery } from './MemberFilters';

type MemberPage = components['schemas']['MemberPage'];
const pageSize = 25;

/** Members, searched, filtered and paged by the server; the query lives in the address so it survives a reload. */
export default function MembersPage() {
  const { organization } = useOrganization();
  const { t, word, date } = useOrganizationText();
  const [params, setParams] = useSearchParams();
  const query: MemberQuery = {
    search: params.get('search') ?? '', state: params.get('state') ?? '', rank: params.get('rank') ?? '', unitId: params.get('unitId') ?? '',
  };
  const page = Number(params.get('page') ?? '1');
  const [result, setResult] = useState<MemberPage | null>(null);
  const key = params.toString();

  useEffect(() => {
    let current = true;
    void (async () => {
      const { data } = await membership.GET('/organizations/{organizationId}/members', {
        params: {
          path: { organizationId: organization.id },
          query: {
            page, pageSize,
            search: query.search || undefined, state: query.state || undefined, rank: query.rank || undefined, unitId: query.unitId || undefined,
          },
        },
      });
      if (current && data) setResult(data);
    })();
    return () => { current = false; };
    // The address holds the whole query: reload when it changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [organization.id, key]);

  function show(next: MemberQuery, nextPage = 1) {
    const entries = Object.entries({ ...next, page: nextPage > 1 ? String(nextPage) : '' }).filter(([, value]) => value !== '');
    setParams(new URLSearchParams(entries));
  }

  const total = Number(result?.total ?? 0);
  // Exports and managed accounts are for the owner and admins (org.settings; identity's rank rules): the others do not see them.
  const administrator = atLeast(organization.myRank, 'admin') && organization.state === 'active';
  return (
    <Stack>
      {administrator && <ExportMembersLinks />}
      <MemberFilters query={query} onChange={(next) => show(next)} />
      <Text role="status">{result ? t('members.count', { total }) : ''}</Text>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('members.name')}</Table.Th>
            <Table.Th>{t('members.email')}</Table.Th>
            <Table.Th>{t('members.rank')}</Table.Th>
            <Table.Th>{t('members.state')}</Table.Th>
            <Table.Th>{t('members.joined')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result?.items.map((m) => (
            <Table.Tr key={m.userId}>
              <Table.Td>
                <Anchor component={Link} to={`/organizations/${organization.id}/members/${m.userId}`}>{displayName(m)}</Anchor>
              </Table.Td>
              <Table.Td>{m.email}</Table.Td>
              <Table.Td>{word('rank', m.rank)}</Table.Td>
              <Table.Td>{m.state === 'active' ? word('state', m.state) : <Text span fw={700}>{word('state', m.state)}</Text>}</Table.Td>
              <Table.Td>{date(m.joinedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {result && total === 0 && <Text>{t('members.none')}</Text>}
      {total > pageSize && (
        <Pagination total={Math.ceil(total / pageSize)} value={page} onChange={(next) => show(query, next)}
          getControlProps={(control) => ({ 'aria-label': control })} aria-label={t('members.pages')} />
      )}
      {administrator && <Section title={t('account.createTitle')}><CreateAccountForm /></Section>}
    </Stack>
  );
}
