import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { membership } from '../../api/client';
import { asProblem, describe } from '../../api/problem';
import { ConfirmButton } from '../../layout/ConfirmButton';
import { useSession } from '../../session/session';
import { ManagedAccountCard } from '../accounts/ManagedAccountCard';
import { atLeast, mayChange } from '../ranks';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import { displayName } from './displayName';
import { MemberAccess } from './MemberAccess';
import { MemberChangeForm, type Member } from './MemberChangeForm';
import { MemberRoles } from './MemberRoles';

/** One member: who, rank and units, the controls the caller's rank allows, and their access explained. */
export default function MemberDetailPage() {
  const { userId = '' } = useParams();
  const { organization } = useOrganization();
  const { account } = useSession();
  const { t, word } = useOrganizationText();
  const navigate = useNavigate();
  const [member, setMember] = useState<Member | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [grantChanges, setGrantChanges] = useState(0);
  const path = { organizationId: organization.id, userId };
  const membersPath = `/organizations/${organization.id}/members`;

  useEffect(() => {
    void (async () => {
      const { data, error } = await membership.GET('/organizations/{organizationId}/members/{userId}', { params: { path } });
      if (data) setMember(data);
      else setProblem(describe(asProblem(error)));
    })();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [organization.id, userId]);

  async function changeState(action: 'suspend' | 'reactivate') {
    const url = action === 'suspend' ? '/organizations/{organizationId}/members/{userId}/suspend' : '/organizations/{organizationId}/members/{userId}/reactivate';
    const { data, error } = await membership.POST(url, { params: { path } });
    if (data) setMember(data);
    else setProblem(describe(asProblem(error)));
  }

  async function remove() {
    const { response, error } = await membership.DELETE('/organizations/{organizationId}/members/{userId}', { params: { path } });
    if (response.ok) navigate(membersPath);
    else setProblem(describe(asProblem(error)));
  }

  if (!member) return problem ? <Alert color="red" role="alert">{problem}</Alert> : null;
  const name = displayName(member);
  const self = member.userId === account?.id;
  const controls = !self && mayChange(organization.myRank, member.rank);

  return (
    <Stack>
      <Anchor component={Link} to={membersPath}>{t('member.back')}</Anchor>
      <Title order={2}>{t('member.title', { name })}</Title>
      <Text>{member.email} · {word('rank', member.rank)}</Text>
      <Text>{t('member.account', { state: member.accountState })} · {t('member.membership', { state: word('state', member.state) })}</Text>
      {problem && <Alert color="red" role="alert">{problem}</Alert>}
      {self && <Text>{t('member.self')}</Text>}
      {!self && !controls && <Text>{t('member.noControls')}</Text>}
      {controls && (
        <Card withBorder component="section" aria-labelledby="change-heading">
          <Title order={2} size="h3" id="change-heading" mb="sm">{t('member.change')}</Title>
          <MemberChangeForm key={member.rank} member={member} onSaved={setMember} />
          <Group mt="md">
            {member.state === 'active'
              ? <Button variant="default" onClick={() => changeState('suspend')}>{t('member.suspend')}</Button>
              : <Button variant="default" onClick={() => changeState('reactivate')}>{t('member.reactivate')}</Button>}
            <ConfirmButton size="sm" label={t('member.remove')} confirmLabel={t('member.removeConfirm', { name })} onConfirm={remove} />
          </Group>
        </Card>
      )}
      {controls && atLeast(organization.myRank, 'admin') && organization.state === 'active' && <ManagedAccountCard userId={member.userId} />}
      <MemberRoles userId={member.userId} controls={controls} onChange={() => setGrantChanges((n) => n + 1)} />
      <MemberAccess key={grantChanges} userId={member.userId} version={member} />
    </Stack>
  );
}
