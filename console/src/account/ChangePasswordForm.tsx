import { useState, type FormEvent } from 'react';
import { Alert, Button, PasswordInput, Stack } from '@mantine/core';
import { identity } from '../api/client';
import { asProblem, describe, fieldError, type Problem } from '../api/problem';
import { useI18n } from '../i18n/i18n';

/** The current password and a new one; the API ends the other sessions, as Keycloak does. */
export function ChangePasswordForm({ onChanged }: { onChanged?: () => Promise<void> | void }) {
  const { t } = useI18n();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [changed, setChanged] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    const { response, error } = await identity.POST('/account/password', { body: { currentPassword, newPassword, endOtherSessions: true } });
    setBusy(false);
    if (!response.ok) {
      setProblem(asProblem(error));
      return;
    }
    setChanged(true);
    setCurrent('');
    setNew('');
    await onChanged?.();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {changed && <Alert color="green" role="status">{t('password.changed')}</Alert>}
        {problem && !problem.errors && <Alert color="red" role="alert">{describe(problem)}</Alert>}
        <PasswordInput label={t('password.current')} autoComplete="current-password" required value={currentPassword}
          onChange={(e) => setCurrent(e.currentTarget.value)} error={fieldError(problem, 'currentPassword')} />
        <PasswordInput label={t('password.new')} description={t('signUp.passwordHint')} autoComplete="new-password" required
          value={newPassword} onChange={(e) => setNew(e.currentTarget.value)} error={fieldError(problem, 'newPassword')} />
        <Button type="submit" loading={busy}>{t('password.submit')}</Button>
      </Stack>
    </form>
  );
}
