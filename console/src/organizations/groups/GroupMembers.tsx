import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Pagination, Stack, Text, TextInput } from '@mantine/core';
import { membership } from '../../api/client';
import type { components } from '../../api/generated/membership';
import { asProblem, describe } from '../../api/problem';
import { ListTable } from '../../layout/ListTable';
import { displayName } from '../members/displayName';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import type { GroupMemberPage, MessageGroup } from './groupTypes';

type Member = components['schemas']['MemberResponse'];
export const groupPageSize = 50;

interface GroupMembersProps {
  group: MessageGroup;
  members: GroupMemberPage;
  page: number;
  onPage: (page: number) => void;
  /** Whether the caller adds and removes people here (members.manage, and a group that is not automatic). */
  manages: boolean;
  onChange: () => void;
}

/** Who is in the group now, paged; in a group that is not automatic, those who manage members add and remove people. */
export function GroupMembers({ group, members, page, onPage, manages, onChange }: GroupMembersProps) {
  const { organization } = useOrganization();
  const { t, word } = useOrganizationText();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<Member[] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const path = { organizationId: organization.id, groupId: group.id };

  async function find(event: FormEvent) {
    event.preventDefault();
    const { data } = await membership.GET('/organizations/{organizationId}/members', {
      params: { path: { organizationId: organization.id }, query: { search, state: 'active', pageSize: 10 } },
    });
    setFound(data?.items ?? []);
  }

  async function add(member: Member) {
    const { response, error } = await membership.POST('/organizations/{organizationId}/groups/{groupId}/members', {
      params: { path }, body: { userId: member.userId },
    });
    setMessage(response.ok ? { ok: true, text: t('group.added', { name: displayName(member) }) } : { ok: false, text: describe(asProblem(error)) });
    if (response.ok) setFound(null);
    onChange();
  }

  async function remove(userId: string) {
    const { response, error } = await membership.DELETE('/organizations/{organizationId}/groups/{groupId}/members/{userId}', {
      params: { path: { ...path, userId } },
    });
    setMessage(response.ok ? null : { ok: false, text: describe(asProblem(error)) });
    onChange();
  }

  const total = Number(members.total);
  return (
    <Stack>
      {message && <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>{message.text}</Alert>}
      <Text>{t('group.membersCount', { total })}</Text>
      {total === 0 ? <Text>{t('group.membersNone')}</Text> : (
        <ListTable label={t('group.members')} rows={members.items} rowKey={(m) => m.userId}
          columns={[t('members.name'), t('members.email'), t('members.rank'), ...(manages ? [t('roles.actions')] : [])]}
          cells={(m) => [displayName(m), m.email, word('rank', m.rank), ...(manages ? [(
            <Button key="remove" size="compact-sm" variant="default" onClick={() => remove(m.userId)}>{t('group.remove', { name: displayName(m) })}</Button>
          )] : [])]} />
      )}
      {total > groupPageSize && (
        <Pagination total={Math.ceil(total / groupPageSize)} value={page} onChange={onPage} aria-label={t('group.pages')}
          getControlProps={(control) => ({ 'aria-label': control })} />
      )}
      {manages && (
        <form onSubmit={find} noValidate aria-label={t('group.add')}>
          <Group align="flex-end">
            <TextInput label={t('members.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
            <Button type="submit" variant="default">{t('members.searchSubmit')}</Button>
          </Group>
        </form>
      )}
      {manages && found?.length === 0 && <Text>{t('members.none')}</Text>}
      {manages && found && found.length > 0 && (
        <Group gap="xs">
          {found.map((m) => (
            <Button key={m.userId} size="compact-sm" onClick={() => add(m)}>{t('group.addNamed', { name: displayName(m) })}</Button>
          ))}
        </Group>
      )}
    </Stack>
  );
}
