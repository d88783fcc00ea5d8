import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Stack } from '@mantine/core';
import { identity } from '../api/client';
import { asProblem, describe, type Problem } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import type { AdminUser } from './types';
import { UserDetailsFields, type UserDetails } from './UserDetailsFields';

/** Names and email address; an administrator's email change applies at once, and identity tells the old address. */
export function EditUserForm({ user, onSaved }: { user: AdminUser; onSaved: (user: AdminUser) => void }) {
  const { t } = useI18n();
  const [details, setDetails] = useState<UserDetails>({ firstName: user.firstName, lastName: user.lastName, email: user.email });
  const [problem, setProblem] = useState<Problem | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const { data, error } = await identity.PUT('/admin/users/{id}', { params: { path: { id: user.id } }, body: details });
    if (!data) return setProblem(asProblem(error));
    onSaved(data);
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t('admin.edit.title')}>
      <Stack maw={560}>
        {problem && !problem.errors && <Alert color="red" role="alert">{describe(problem)}</Alert>}
        <UserDetailsFields value={details} onChange={setDetails} problem={problem} />
        <Group><Button type="submit">{t('admin.edit.submit')}</Button></Group>
      </Stack>
    </form>
  );
}
