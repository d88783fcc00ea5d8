import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { Alert, Anchor, Card, SimpleGrid, Text, Title } from '@mantine/core';
import { identity } from '../api/client';
import { asProblem, describe, type Problem } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { Fact } from '../layout/Fact';
import { Section } from '../layout/Section';
import { AdminFrame } from './AdminFrame';
import { EditUserForm } from './EditUserForm';
import { ImpersonateForm } from './ImpersonateForm';
import { OwnershipLimitForm } from './OwnershipLimitForm';
import { PasswordResetButton } from './PasswordResetButton';
import { PlatformAdminRole } from './PlatformAdminRole';
import { userStateKey } from './stateLabel';
import type { AdminUser } from './types';
import { UserActions, type ActionOutcome } from './UserActions';

/**
 * One user for a platform administrator: the account, its lifecycle moves, ending sessions, a password reset link, names
 * and email, the platform administrator role, how many organizations they may own, impersonation.
 */
export default function UserPage() {
  const { id = '' } = useParams();
  const { t, language } = useI18n();
  const [user, setUser] = useState<AdminUser | null | undefined>(undefined);
  // A screen that sent the administrator here may leave a word about what it did (a created account).
  const arrived = (useLocation().state as { notice?: string } | null)?.notice ?? null;
  const [notice, setNotice] = useState<string | null>(arrived);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    void identity.GET('/admin/users/{id}', { params: { path: { id } } }).then(({ data, error }) => {
      setUser(data ?? null);
      setProblem(data ? null : asProblem(error));
    });
  }, [id]);

  if (user === undefined) return <Text>{t('common.loading')}</Text>;
  if (user === null) {
    return (
      <AdminFrame title={t('admin.users.title')}>
        <Alert color="red" role="alert">{problem?.status === 404 ? t('admin.user.notFound') : describe(problem)}</Alert>
      </AdminFrame>
    );
  }

  const stateName = (s: string) => { const key = userStateKey(s); return key ? t(key) : s; };
  const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString(language) : '—');
  function done(outcome: ActionOutcome) {
    setProblem(outcome.error ? asProblem(outcome.error) : null);
    if (outcome.user) setUser(outcome.user);
    if (outcome.notice) setNotice(outcome.notice);
    else if (outcome.user) {
      setNotice(t('admin.user.done', { state: stateName(outcome.user.state) }));
    } else if (outcome.ended !== undefined) setNotice(t('admin.user.sessionsEnded', { count: String(outcome.ended) }));
    else setNotice(null);
  }

  return (
    <AdminFrame title={`${user.firstName} ${user.lastName}`}>
      <Anchor component={Link} to="/admin/users">{t('admin.user.back')}</Anchor>
      {notice && <Alert color="green" role="status">{notice}</Alert>}
      {problem && <Alert color="red" role="alert">{describe(problem)}</Alert>}
      <Card withBorder component="section" aria-labelledby="account-heading">
        <Title order={2} size="h3" id="account-heading" mb="sm">{t('admin.user.details')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="xs">
          <Fact label={t('admin.column.email')}>{user.email}</Fact>
          <Fact label={t('admin.column.state')}><span data-testid="user-state">{stateName(user.state)}</span></Fact>
          <Fact label={t('admin.user.verified')}>{user.emailVerified ? t('admin.user.yes') : t('admin.user.no')}</Fact>
          <Fact label={t('admin.user.platformAdmin')}>{user.platformAdmin ? t('admin.user.yes') : t('admin.user.no')}</Fact>
          <Fact label={t('admin.user.created')}>{time(user.createdAt)}</Fact>
          <Fact label={t('admin.column.lastLogin')}>{time(user.lastLoginAt)}</Fact>
          {user.lockedUntil && <Fact label={t('admin.user.lockedUntil')}>{time(user.lockedUntil)}</Fact>}
        </SimpleGrid>
        <Anchor component={Link} to={`/admin/audit?userId=${user.id}`} mt="sm" display="inline-block">{t('admin.user.audit')}</Anchor>
      </Card>
      <Card withBorder component="section" aria-labelledby="actions-heading">
        <Title order={2} size="h3" id="actions-heading" mb="sm">{t('admin.user.actions')}</Title>
        <UserActions user={user} onDone={done} />
      </Card>
      {user.state !== 'deleted' && (
        <>
          <Section title={t('admin.edit.title')}><EditUserForm key={`${user.email}/${user.firstName}/${user.lastName}`} user={user} onSaved={(saved) => done({ user: saved, notice: t('admin.edit.saved') })} /></Section>
          <Section title={t('admin.reset.title')}><PasswordResetButton user={user} onDone={done} /></Section>
          <Section title={t('admin.role.title')}><PlatformAdminRole user={user} onDone={done} /></Section>
          <Section title={t('admin.limit.title')}><OwnershipLimitForm userId={user.id} onDone={done} /></Section>
        </>
      )}
      {!user.platformAdmin && user.state === 'active' && (
        <Card withBorder component="section" aria-labelledby="impersonate-heading">
          <Title order={2} size="h3" id="impersonate-heading" mb="sm">{t('admin.user.impersonate.title')}</Title>
          <ImpersonateForm userId={user.id} />
        </Card>
      )}
    </AdminFrame>
  );
}
