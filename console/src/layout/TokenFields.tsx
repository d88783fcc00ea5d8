import { Group, TextInput } from '@mantine/core';
import { fieldError, type Problem } from '../api/problem';

const dayInMs = 24 * 60 * 60 * 1000;

/** A date input's value (YYYY-MM-DD) some days from now. */
export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * dayInMs).toISOString().slice(0, 10);
}

/** The end of the chosen day where the person is, as the API's expiresAt. */
export function endOfDay(day: string): string | null {
  return day ? new Date(`${day}T23:59:59`).toISOString() : null;
}

export function tokenState(token: { revokedAt?: string | null; expiresAt: string }): 'active' | 'revoked' | 'expired' {
  if (token.revokedAt) return 'revoked';
  return new Date(token.expiresAt).getTime() <= Date.now() ? 'expired' : 'active';
}

/** A new API token's name and expiry day, as every token form asks them. */
export function TokenNameAndExpiry({ labels, name, expires, onName, onExpires, problem }: {
  labels: { name: string; expires: string };
  name: string;
  expires: string;
  onName: (name: string) => void;
  onExpires: (day: string) => void;
  problem: Problem | null;
}) {
  return (
    <Group align="flex-start" grow>
      <TextInput label={labels.name} required value={name} onChange={(e) => onName(e.currentTarget.value)} error={fieldError(problem, 'name')} />
      <TextInput type="date" label={labels.expires} required value={expires} onChange={(e) => onExpires(e.currentTarget.value)}
        error={fieldError(problem, 'expiresAt')} />
    </Group>
  );
}
