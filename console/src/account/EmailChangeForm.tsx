import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { identity } from '../api/client';
import { asProblem, describe, fieldError, type Problem } from '../api/problem';
import { useI18n } from '../i18n/i18n';

/** Moving the account to another address: the password again, then the link emailed to the new address applies it. */
export function EmailChangeForm() {
  const { t } = useI18n();
  const [newEmail, setNewEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setSentTo(null);
    const { response, error } = await identity.POST('/account/email', { body: { newEmail, password } });
    if (!response.ok) return setProblem(asProblem(error));
    setSentTo(newEmail);
    setNewEmail('');
    setPassword('');
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {sentTo && <Alert color="green" role="status">{t('email.sent', { email: sentTo })}</Alert>}
        {problem && !problem.errors && <Alert color="red" role="alert">{describe(problem)}</Alert>}
        <Group grow align="flex-start">
          <TextInput type="email" label={t('email.new')} autoComplete="email" required value={newEmail}
            onChange={(e) => setNewEmail(e.currentTarget.value)} error={fieldError(problem, 'newEmail')} />
          <PasswordInput label={t('email.password')} autoComplete="current-password" required value={password}
            onChange={(e) => setPassword(e.currentTarget.value)} error={fieldError(problem, 'password')} />
        </Group>
        <Group><Button type="submit">{t('email.submit')}</Button></Group>
      </Stack>
    </form>
  );
}
