import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { identity, type HeldState, type IdentitySchemas } from '../api/client';
import { asProblem, describe } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';
import { FormPage } from '../layout/FormPage';
import { SecondFactorStep } from './SecondFactorStep';

type LoginAnswer = IdentitySchemas['LoginResponse'] | IdentitySchemas['TwoFactorChallengeResponse'];

/** Email and password, then (for accounts with two-factor) the code or a recovery code. */
export function SignInPage() {
  const { t } = useI18n();
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Only a path of this console: never send the person to another site after signing in.
  const next = params.get('next')?.startsWith('/') && !params.get('next')?.startsWith('//') ? params.get('next')! : '/';

  async function finish(answer: IdentitySchemas['LoginResponse']) {
    const held: HeldState | null = answer.passwordChangeRequired
      ? 'password-change-required'
      : answer.twoFactorEnrolmentRequired ? 'two-factor-enrolment-required' : null;
    await signedIn(held);
    navigate(next, { replace: true });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const { data, error: failure } = await identity.POST('/sessions', { body: { email, password } });
    setBusy(false);
    if (!data) {
      const problem = asProblem(failure);
      setError(problem.type === 'urn:platform:problem:email-not-verified' ? t('signIn.notVerified')
        : problem.status === 401 || problem.type === 'urn:platform:problem:invalid-credentials' ? t('signIn.failed')
        : describe(problem));
      return;
    }
    const answer = data as LoginAnswer;
    if ('twoFactorRequired' in answer && answer.twoFactorRequired) {
      setChallenge(answer.challenge);
      return;
    }
    await finish(answer as IdentitySchemas['LoginResponse']);
  }

  if (challenge) return <SecondFactorStep challenge={challenge} onSignedIn={finish} />;

  return (
    <FormPage title={t('signIn.title')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && <Alert color="red" role="alert">{error}</Alert>}
          <TextInput label={t('signIn.email')} type="email" autoComplete="username" required value={email}
            onChange={(e) => setEmail(e.currentTarget.value)} />
          <PasswordInput label={t('signIn.password')} autoComplete="current-password" required value={password}
            onChange={(e) => setPassword(e.currentTarget.value)} />
          <Button type="submit" loading={busy}>{t('signIn.submit')}</Button>
          <Group justify="space-between">
            <Anchor component={Link} to="/forgot-password">{t('signIn.forgot')}</Anchor>
            <Anchor component={Link} to="/sign-up">{t('signIn.signUp')}</Anchor>
          </Group>
        </Stack>
      </form>
    </FormPage>
  );
}
