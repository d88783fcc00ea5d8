import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Anchor, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { identity } from '../api/client';
import { asProblem, describe, type Problem } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { AdminFrame } from './AdminFrame';
import { UserDetailsFields, type UserDetails } from './UserDetailsFields';

/**
 * Creating an account: with a temporary password it is active and must change it at the first sign-in; without one it
 * is pending and its owner gets an email with a link to choose a password.
 */
export default function CreateUserPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [details, setDetails] = useState<UserDetails>({ firstName: '', lastName: '', email: '' });
  const [initialPassword, setInitialPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const { data, error } = await identity.POST('/admin/users', { body: { ...details, initialPassword: initialPassword || null } });
    if (!data) return setProblem(asProblem(error));
    navigate(`/admin/users/${data.id}`, { state: { notice: t(initialPassword ? 'admin.create.doneWithPassword' : 'admin.create.doneWithLink') } });
  }

  return (
    <AdminFrame title={t('admin.create.title')}>
      <Anchor component={Link} to="/admin/users">{t('admin.user.back')}</Anchor>
      <form onSubmit={submit} noValidate aria-label={t('admin.create.title')}>
        <Stack maw={560}>
          {problem && !problem.errors && <Alert color="red" role="alert">{describe(problem)}</Alert>}
          <UserDetailsFields value={details} onChange={setDetails} problem={problem} />
          <PasswordInput label={t('admin.create.password')} description={t('admin.create.passwordHint')} autoComplete="new-password"
            value={initialPassword} onChange={(e) => setInitialPassword(e.currentTarget.value)}
            error={problem?.errors?.initialPassword?.[0]} />
          <Text size="sm">{t('admin.create.hint')}</Text>
          <Group><Button type="submit">{t('admin.create.submit')}</Button></Group>
        </Stack>
      </form>
    </AdminFrame>
  );
}
