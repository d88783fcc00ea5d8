import { Group, TextInput } from '@mantine/core';
import { fieldError, type Problem } from '../api/problem';
import { useI18n } from '../i18n/i18n';

export type UserDetails = { firstName: string; lastName: string; email: string };

/** A user's names and email address, as creating and editing an account both ask for them. */
export function UserDetailsFields({ value, onChange, problem }: { value: UserDetails; onChange: (next: UserDetails) => void; problem: Problem | null }) {
  const { t } = useI18n();
  const field = (name: keyof UserDetails, label: string, type = 'text') => (
    <TextInput label={label} type={type} required value={value[name]} error={fieldError(problem, name)}
      onChange={(e) => onChange({ ...value, [name]: e.currentTarget.value })} />
  );
  return (
    <>
      <Group grow align="flex-start">
        {field('firstName', t('signUp.firstName'))}
        {field('lastName', t('signUp.lastName'))}
      </Group>
      {field('email', t('admin.column.email'), 'email')}
    </>
  );
}
