import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { identity } from '../../api/client';
import { asProblem, describe, fieldError, type Problem } from '../../api/problem';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import type { ManagedAccount } from './accountTypes';

/** Names change at once; a new address replaces the old one only when the person follows the link sent to it. */
export function AccountDetailsForm({ account, onSaved }: { account: ManagedAccount; onSaved: (account: ManagedAccount) => void }) {
  const { organization } = useOrganization();
  const { t } = useOrganizationText();
  const [firstName, setFirstName] = useState(account.firstName);
  const [lastName, setLastName] = useState(account.lastName);
  const [email, setEmail] = useState(account.email);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setSaved(null);
    const { data, error } = await identity.PUT('/organizations/{organizationId}/accounts/{userId}', {
      params: { path: { organizationId: organization.id, userId: account.id } },
      body: { firstName, lastName, email },
    });
    if (!data) return setProblem(asProblem(error));
    setSaved(data.pendingEmail ? t('account.saved.pendingEmail', { email: data.pendingEmail }) : t('member.saved'));
    onSaved(data);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {saved && <Alert color="green" role="status">{saved}</Alert>}
        {problem && <Alert color="red" role="alert">{describe(problem)}</Alert>}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('account.firstName')} value={firstName} error={fieldError(problem, 'firstName')} onChange={(e) => setFirstName(e.currentTarget.value)} />
          <TextInput label={t('account.lastName')} value={lastName} error={fieldError(problem, 'lastName')} onChange={(e) => setLastName(e.currentTarget.value)} />
          <TextInput label={t('account.email')} type="email" value={email} error={fieldError(problem, 'email')} onChange={(e) => setEmail(e.currentTarget.value)} />
        </SimpleGrid>
        <Group><Button type="submit" variant="default">{t('account.saveDetails')}</Button></Group>
      </Stack>
    </form>
  );
}
