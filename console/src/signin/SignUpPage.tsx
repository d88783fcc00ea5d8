import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { identity } from '../api/client';
import { asProblem, describe, fieldError, type Problem } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { FormPage } from '../layout/FormPage';

/** Self sign-up. The answer never says whether the address was taken: both get the verification email's message. */
export default function SignUpPage() {
  const { t, language } = useI18n();
  const [form, setForm] = useState({ email: '', password: '', firstName: '', lastName: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (field: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [field]: e.currentTarget.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    // The account starts in the language the person signed up in: its emails and, after sign-in, the console follow it.
    const { response, error } = await identity.POST('/accounts', { body: { ...form, language } });
    setBusy(false);
    if (response.ok) setDone(true);
    else setProblem(asProblem(error));
  }

  if (done) {
    return (
      <FormPage title={t('signUp.title')}>
        <Alert color="green" role="status">{t('signUp.done', { email: form.email })}</Alert>
        <Anchor component={Link} to="/sign-in">{t('forgot.back')}</Anchor>
      </FormPage>
    );
  }

  return (
    <FormPage title={t('signUp.title')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {problem && !problem.errors && <Alert color="red" role="alert">{describe(problem)}</Alert>}
          <Group grow>
            <TextInput label={t('signUp.firstName')} autoComplete="given-name" required value={form.firstName}
              onChange={set('firstName')} error={fieldError(problem, 'firstName')} />
            <TextInput label={t('signUp.lastName')} autoComplete="family-name" required value={form.lastName}
              onChange={set('lastName')} error={fieldError(problem, 'lastName')} />
          </Group>
          <TextInput label={t('signIn.email')} type="email" autoComplete="email" required value={form.email}
            onChange={set('email')} error={fieldError(problem, 'email')} />
          <PasswordInput label={t('signIn.password')} description={t('signUp.passwordHint')} autoComplete="new-password" required
            value={form.password} onChange={set('password')} error={fieldError(problem, 'password')} />
          <Button type="submit" loading={busy}>{t('signUp.submit')}</Button>
          <Anchor component={Link} to="/sign-in">{t('forgot.back')}</Anchor>
        </Stack>
      </form>
    </FormPage>
  );
}
