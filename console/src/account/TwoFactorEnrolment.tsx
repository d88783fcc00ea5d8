import { useState, type FormEvent } from 'react';
import { Alert, Button, Code, Image, List, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { identity, type IdentitySchemas } from '../api/client';
import { asProblem, describe, fieldError, type Problem } from '../api/problem';
import { useI18n } from '../i18n/i18n';

type Step =
  | { name: 'password' }
  | { name: 'scan'; enrolment: IdentitySchemas['TwoFactorEnrolment'] }
  | { name: 'codes'; codes: string[] };

/** Enrols an authenticator: password, then the QR code and a first code, then the recovery codes shown once. */
export function TwoFactorEnrolment({ onDone }: { onDone: () => Promise<void> | void }) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>({ name: 'password' });
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);

  async function start(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const { data, error } = await identity.POST('/account/two-factor', { body: { password } });
    if (data) setStep({ name: 'scan', enrolment: data });
    else setProblem(asProblem(error));
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const { data, error } = await identity.POST('/account/two-factor/confirm', { body: { code: code.trim() } });
    if (data) setStep({ name: 'codes', codes: data.recoveryCodes });
    else setProblem(asProblem(error));
  }

  const failure = problem && !problem.errors && <Alert color="red" role="alert">{describe(problem)}</Alert>;

  if (step.name === 'password') {
    return (
      <form onSubmit={start} noValidate>
        <Stack>
          {failure}
          <PasswordInput label={t('twoFactor.password')} autoComplete="current-password" required value={password}
            onChange={(e) => setPassword(e.currentTarget.value)} error={fieldError(problem, 'password')} />
          <Button type="submit">{t('twoFactor.start')}</Button>
        </Stack>
      </form>
    );
  }

  if (step.name === 'scan') {
    return (
      <form onSubmit={confirm} noValidate>
        <Stack>
          <Text>{t('twoFactor.scan')}</Text>
          <Image src={`data:image/png;base64,${step.enrolment.qrCodePng}`} alt={t('twoFactor.qr')} w={200} h={200} />
          <Text>
            {t('twoFactor.secret')}: <Code data-testid="totp-secret">{step.enrolment.secret}</Code>
          </Text>
          {failure}
          <TextInput label={t('twoFactor.code')} autoComplete="one-time-code" inputMode="numeric" required value={code}
            onChange={(e) => setCode(e.currentTarget.value)} error={fieldError(problem, 'code')} />
          <Button type="submit">{t('twoFactor.confirm')}</Button>
        </Stack>
      </form>
    );
  }

  return (
    <Stack>
      <Text fw={700}>{t('twoFactor.recoveryCodes')}</Text>
      <Text>{t('twoFactor.recoveryHint')}</Text>
      <List className="recovery-codes" aria-label={t('twoFactor.recoveryCodes')}>
        {step.codes.map((c) => <List.Item key={c}>{c}</List.Item>)}
      </List>
      <Button onClick={() => onDone()}>{t('twoFactor.continue')}</Button>
    </Stack>
  );
}
