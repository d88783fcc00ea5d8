import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { identity } from '../api/client';
import { asProblem, describe, fieldError, type Problem } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

/** Starts acting as the user, with a reason the audit trail keeps; the console then shows what they see, under the banner. */
export function ImpersonateForm({ userId }: { userId: string }) {
  const { t } = useI18n();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const { data, error } = await identity.POST('/admin/users/{id}/impersonate', { params: { path: { id: userId } }, body: { reason } });
    if (!data) {
      setProblem(asProblem(error));
      return;
    }
    await refresh();
    navigate('/account');
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text>{t('admin.user.impersonate.hint')}</Text>
        {problem && !fieldError(problem, 'reason') && <Alert color="red" role="alert">{describe(problem)}</Alert>}
        <TextInput label={t('admin.user.impersonate.reason')} required value={reason}
          onChange={(e) => setReason(e.currentTarget.value)} error={fieldError(problem, 'reason')} />
        <Group><Button type="submit">{t('admin.user.impersonate.submit')}</Button></Group>
      </Stack>
    </form>
  );
}
