import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { membership } from '../../api/client';
import { asProblem, describe } from '../../api/problem';
import { ConfirmButton } from '../../layout/ConfirmButton';
import { Section } from '../../layout/Section';
import { useSession } from '../../session/session';
import { administers, atLeast } from '../ranks';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import { useGroupAudience } from './groupAudience';
import { GroupMembers, groupPageSize } from './GroupMembers';
import type { GroupMemberPage, MessageGroup } from './groupTypes';
import { PostMessageForm } from './PostMessageForm';

/**
 * One message group: who is in it, joining or leaving an open one, adding and removing people in one that is not
 * automatic, and a message to all of them.
 */
export default function GroupPage() {
  const { groupId = '' } = useParams();
  const { organization } = useOrganization();
  const { account } = useSession();
  const { t, word } = useOrganizationText();
  const audience = useGroupAudience();
  const navigate = useNavigate();
  const [group, setGroup] = useState<MessageGroup | null>(null);
  const [members, setMembers] = useState<GroupMemberPage | null>(null);
  const [page, setPage] = useState(1);
  const [problem, setProblem] = useState<string | null>(null);
  const path = { organizationId: organization.id, groupId };
  const groupsPath = `/organizations/${organization.id}/groups`;

  const loadMembers = useCallback(async () => {
    const { data } = await membership.GET('/organizations/{organizationId}/groups/{groupId}/members', {
      params: { path: { organizationId: organization.id, groupId }, query: { page, pageSize: groupPageSize } },
    });
    setMembers(data ?? null);
  }, [organization.id, groupId, page]);

  useEffect(() => {
    void (async () => {
      const { data, error } = await membership.GET('/organizations/{organizationId}/groups/{groupId}', { params: { path } });
      if (data) setGroup(data);
      else setProblem(describe(asProblem(error)));
    })();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [organization.id, groupId]);
  useEffect(() => { void loadMembers(); }, [loadMembers]);

  async function joinOrLeave(action: 'join' | 'leave') {
    const url = action === 'join' ? '/organizations/{organizationId}/groups/{groupId}/join' : '/organizations/{organizationId}/groups/{groupId}/leave';
    const { response, error } = await membership.POST(url, { params: { path } });
    setProblem(response.ok ? null : describe(asProblem(error)));
    await loadMembers();
  }

  async function remove() {
    const { response, error } = await membership.DELETE('/organizations/{organizationId}/groups/{groupId}', { params: { path } });
    if (response.ok) navigate(groupsPath);
    else setProblem(describe(asProblem(error)));
  }

  if (!group || !members) return problem ? <Alert color="red" role="alert">{problem}</Alert> : null;
  const active = organization.state === 'active';
  const manual = group.kind !== 'automatic';
  // The page sees one page of members: past it, the API decides whether the caller is in the group.
  const inGroup = members.items.some((m) => m.userId === account?.id) || Number(members.total) > members.items.length;
  // Members with groups.post post to groups they are in; managers and above (members.manage) to any.
  const mayPost = active && (administers(organization.myRank) || (atLeast(organization.myRank, 'member') && inGroup));

  return (
    <Stack>
      <Anchor component={Link} to={groupsPath}>{t('groups.back')}</Anchor>
      <Title order={2}>{t('group.title', { name: group.name })}</Title>
      <Text>{word('groups.kind', group.kind)} · {audience(group)}</Text>
      {group.description && <Text>{group.description}</Text>}
      {problem && <Alert color="red" role="alert">{problem}</Alert>}
      {active && (
        <Group>
          {group.kind === 'open' && (inGroup
            ? <Button variant="default" onClick={() => joinOrLeave('leave')}>{t('group.leave')}</Button>
            : <Button variant="default" onClick={() => joinOrLeave('join')}>{t('group.join')}</Button>)}
          {administers(organization.myRank) && (
            <ConfirmButton size="sm" label={t('group.delete')} confirmLabel={t('group.deleteConfirm', { name: group.name })} onConfirm={remove} />
          )}
        </Group>
      )}
      <Section title={t('group.members')}>
        <GroupMembers group={group} members={members} page={page} onPage={setPage} onChange={loadMembers}
          manages={active && manual && administers(organization.myRank)} />
      </Section>
      {mayPost && (
        <Section title={t('group.post')}>
          <PostMessageForm group={group} />
        </Section>
      )}
    </Stack>
  );
}
