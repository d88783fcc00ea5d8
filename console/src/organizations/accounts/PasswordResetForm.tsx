import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Stack } from '@mantine/core';
import { identity } from '../../api/client';
import { asProblem, describe, fieldError, type Problem } from '../../api/problem';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import type { ManagedAccount } from './accountTypes';
import { PasswordChoice, type PasswordWay } from './PasswordChoice';

/** A reset link by email, or a temporary password to hand over, which must be changed at the next login. Either ends every session. */
export function PasswordResetForm({ account }: { account: ManagedAccount }) {
  const { organization } = useOrganization();
  const { t } = useOrganizationText();
  const [mode, setMode] = useState<PasswordWay>('link');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setDone(null);
    const { data, error } = await identity.POST('/organizations/{organizationId}/accounts/{userId}/password-reset', {
      params: { path: { organizationId: organization.id, userId: account.id } },
      body: { mode, temporaryPassword: mode === 'temporary' ? password : null },
    });
    if (!data) return setProblem(asProblem(error));
    setDone(t(mode === 'temporary' ? 'account.reset.temporaryDone' : 'account.reset.linkDone', { email: account.email }));
    setPassword('');
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {done && <Alert color="green" role="status">{done}</Alert>}
        {problem && <Alert color="red" role="alert">{describe(problem)}</Alert>}
        <PasswordChoice label={t('account.reset.how')} way={mode} onWay={setMode} password={password} onPassword={setPassword}
          ways={{ link: t('account.reset.link'), temporary: t('account.reset.temporary') }} error={fieldError(problem, 'temporaryPassword')} />
        <Group><Button type="submit" variant="default">{t('account.reset.submit')}</Button></Group>
      </Stack>
    </form>
  );
}
