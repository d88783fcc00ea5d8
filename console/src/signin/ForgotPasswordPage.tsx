import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { identity } from '../api/client';
import { asProblem, describe, type Problem } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { FormPage } from '../layout/FormPage';

/** Asks for a reset link. The API answers 202 for every address, so the page says the same for all. */
export default function ForgotPasswordPage() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { response, error } = await identity.POST('/accounts/password/forgot', { body: { email } });
    if (response.ok) setSent(true);
    else setProblem(asProblem(error));
  }

  return (
    <FormPage title={t('forgot.title')} hint={sent ? undefined : t('forgot.hint')}>
      {sent ? (
        <Alert color="green" role="status">{t('forgot.sent')}</Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            {problem && <Alert color="red" role="alert">{describe(problem)}</Alert>}
            <TextInput label={t('signIn.email')} type="email" autoComplete="email" required value={email}
              onChange={(e) => setEmail(e.currentTarget.value)} />
            <Button type="submit">{t('forgot.submit')}</Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/sign-in">{t('forgot.back')}</Anchor>
    </FormPage>
  );
}
