import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { identity } from '../api/client';
import { asProblem, describe, fieldError, type Problem } from '../api/problem';
import { isLanguage, useI18n } from '../i18n/i18n';
import type { Account } from '../session/session';

export function ProfileForm({ account, onSaved }: { account: Account; onSaved: () => Promise<void> }) {
  const { t, language: shown, setLanguage } = useI18n();
  const [firstName, setFirstName] = useState(account.firstName);
  const [language, setLanguageChoice] = useState<string>(isLanguage(account.language) ? account.language : shown);
  const [lastName, setLastName] = useState(account.lastName);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    setProblem(null);
    const { response, error } = await identity.PUT('/account', { body: { firstName, lastName, language } });
    if (!response.ok) {
      setProblem(asProblem(error));
      return;
    }
    setSaved(true);
    if (isLanguage(language)) setLanguage(language);
    await onSaved();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {saved && <Alert color="green" role="status">{t('account.saved')}</Alert>}
        {problem && !problem.errors && <Alert color="red" role="alert">{describe(problem)}</Alert>}
        <Group grow>
          <TextInput label={t('signUp.firstName')} autoComplete="given-name" required value={firstName}
            onChange={(e) => setFirstName(e.currentTarget.value)} error={fieldError(problem, 'firstName')} />
          <TextInput label={t('signUp.lastName')} autoComplete="family-name" required value={lastName}
            onChange={(e) => setLastName(e.currentTarget.value)} error={fieldError(problem, 'lastName')} />
        </Group>
        <NativeSelect label={t('account.language')} description={t('account.languageHint')} value={language}
          onChange={(e) => setLanguageChoice(e.currentTarget.value)} error={fieldError(problem, 'language')}
          data={[{ value: 'en', label: 'English' }, { value: 'de', label: 'Deutsch' }]} />
        <Group><Button type="submit">{t('account.save')}</Button></Group>
      </Stack>
    </form>
  );
}
