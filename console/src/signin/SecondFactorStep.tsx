import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { identity, type IdentitySchemas } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { FormPage } from '../layout/FormPage';

interface Props {
  challenge: string;
  onSignedIn: (answer: IdentitySchemas['LoginResponse']) => Promise<void>;
}

/** The second step of a two-factor sign-in: the authenticator's code, or one of the recovery codes. */
export function SecondFactorStep({ challenge, onSignedIn }: Props) {
  const { t } = useI18n();
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body = useRecovery ? { challenge, code: null, recoveryCode: value.trim() } : { challenge, code: value.trim(), recoveryCode: null };
    const { data } = await identity.POST('/sessions/two-factor', { body });
    setBusy(false);
    if (!data) {
      setError(t('signIn.code.failed'));
      return;
    }
    await onSignedIn(data);
  }

  return (
    <FormPage title={t('signIn.code.title')} hint={useRecovery ? undefined : t('signIn.code.hint')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && <Alert color="red" role="alert">{error}</Alert>}
          <TextInput
            key={useRecovery ? 'recovery' : 'code'}
            label={useRecovery ? t('signIn.recovery') : t('signIn.code')}
            autoComplete="one-time-code"
            inputMode={useRecovery ? 'text' : 'numeric'}
            required
            autoFocus
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
          />
          <Button type="submit" loading={busy}>{t('signIn.code.submit')}</Button>
          <Anchor component="button" type="button" onClick={() => { setUseRecovery(!useRecovery); setValue(''); setError(null); }}>
            {useRecovery ? t('signIn.code.useApp') : t('signIn.code.useRecovery')}
          </Anchor>
        </Stack>
      </form>
    </FormPage>
  );
}
