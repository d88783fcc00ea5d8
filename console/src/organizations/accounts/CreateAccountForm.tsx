import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { identity } from '../../api/client';
import { asProblem, describe, fieldError, type Problem } from '../../api/problem';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import { PasswordChoice, type PasswordWay } from './PasswordChoice';

/**
 * An account the organization manages (owners and admins): names and address, and either a temporary password that must be
 * changed at the first login or an emailed link to set one. Membership makes the person a member a moment later.
 */
export function CreateAccountForm() {
  const { organization } = useOrganization();
  const { t } = useOrganizationText();
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [email, setEmail] = useState('');
  const [how, setHow] = useState<PasswordWay>('temporary');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setCreated(null);
    const { data, error } = await identity.POST('/organizations/{organizationId}/accounts', {
      params: { path: { organizationId: organization.id } },
      body: { firstName, lastName, email, temporaryPassword: how === 'temporary' ? password : null },
    });
    if (!data) return setProblem(asProblem(error));
    setCreated(t(how === 'temporary' ? 'account.created.temporary' : 'account.created.link', { email: data.email }));
    setFirstName('');
    setLastName('');
    setEmail('');
    setPassword('');
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {created && <Alert color="green" role="status">{created}</Alert>}
        {problem && <Alert color="red" role="alert">{describe(problem)}</Alert>}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('account.firstName')} required value={firstName} error={fieldError(problem, 'firstName')} onChange={(e) => setFirstName(e.currentTarget.value)} />
          <TextInput label={t('account.lastName')} required value={lastName} error={fieldError(problem, 'lastName')} onChange={(e) => setLastName(e.currentTarget.value)} />
          <TextInput label={t('account.email')} required type="email" value={email} error={fieldError(problem, 'email')} onChange={(e) => setEmail(e.currentTarget.value)} />
        </SimpleGrid>
        <PasswordChoice label={t('account.password')} way={how} onWay={setHow} password={password} onPassword={setPassword}
          ways={{ temporary: t('account.password.temporary'), link: t('account.password.link') }} error={fieldError(problem, 'temporaryPassword')} />
        <Group><Button type="submit">{t('account.create')}</Button></Group>
      </Stack>
    </form>
  );
}
