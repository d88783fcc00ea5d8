import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, NativeSelect, Stack, Table, Textarea } from '@mantine/core';
import { membership } from '../../api/client';
import type { components } from '../../api/generated/membership';
import { asProblem, describe } from '../../api/problem';
import { grantableRanks } from '../ranks';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';

type Batch = components['schemas']['InvitationBatchResponse'];
const maxAddresses = 500;

export interface Invitee { email: string; firstName: string | null; lastName: string | null }

/** The addresses as a person pastes them: one a line, or separated by commas, semicolons or spaces. */
export function addressesIn(text: string): string[] {
  return text.split(/[\s,;]+/).map((a) => a.trim()).filter((a) => a.length > 0);
}

/**
 * The people as a person pastes them. A line with one address may carry the person's names after it
 * ("ada@example.com, Ada, Lovelace" or "ada@example.com Ada Lovelace"), so no email starts "Hello ,";
 * a line with several addresses is a list of bare addresses.
 */
export function inviteesIn(text: string): Invitee[] {
  return text.split(/\r?\n/).flatMap((line): Invitee[] => {
    const tokens = addressesIn(line);
    if (tokens.filter((token) => token.includes('@')).length !== 1 || !tokens[0].includes('@'))
      return tokens.map((email) => ({ email, firstName: null, lastName: null }));
    const fields = line.includes(',') || line.includes(';') || line.includes('\t')
      ? line.split(/[,;\t]/).map((f) => f.trim()).filter((f) => f.length > 0)
      : tokens;
    const [email, firstName, ...rest] = fields;
    return [{ email, firstName: firstName ?? null, lastName: rest.length > 0 ? rest.join(' ') : null }];
  });
}

/** One address or a pasted list of up to 500, one rank for all, and the service's result for each address. */
export function InviteForm({ onInvited }: { onInvited: () => void }) {
  const { organization } = useOrganization();
  const { t, word } = useOrganizationText();
  const rankChoices = grantableRanks(organization.myRank);
  const [text, setText] = useState('');
  const [rank, setRank] = useState<string>(rankChoices.includes('member') ? 'member' : rankChoices[rankChoices.length - 1] ?? 'member');
  const [language, setLanguage] = useState('');
  const [batch, setBatch] = useState<Batch | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBatch(null);
    const invitees = inviteesIn(text);
    if (invitees.length === 0) return setProblem(t('invite.empty'));
    if (invitees.length > maxAddresses) return setProblem(t('invite.tooMany', { count: invitees.length }));
    setProblem(null);
    const { data, error } = await membership.POST('/organizations/{organizationId}/invitations', {
      params: { path: { organizationId: organization.id }, header: { 'Idempotency-Key': crypto.randomUUID() } },
      body: { emails: null, invitees, rank, scopeUnitId: null, unitIds: null, language: language || null },
    });
    if (!data) return setProblem(describe(asProblem(error)));
    setBatch(data);
    setText('');
    onInvited();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {problem && <Alert color="red" role="alert">{problem}</Alert>}
        {batch && <Alert color="green" role="status">{t('invite.sent', { count: batch.invited })}</Alert>}
        <Textarea label={t('invite.emails')} description={t('invite.emailsHint')} autosize minRows={3} maxRows={12}
          value={text} onChange={(e) => setText(e.currentTarget.value)} />
        <NativeSelect label={t('invite.language')} description={t('invite.languageHint')} value={language}
          onChange={(e) => setLanguage(e.currentTarget.value)}
          data={[{ value: '', label: t('invite.languageDefault') }, { value: 'en', label: 'English' }, { value: 'de', label: 'Deutsch' }]} />
        <NativeSelect label={t('invite.rank')} value={rank} onChange={(e) => setRank(e.currentTarget.value)}
          data={[...rankChoices].reverse().map((r) => ({ value: r, label: word('rank', r) }))} />
        <Group><Button type="submit">{t('invite.submit')}</Button></Group>
        {batch && (
          <Table aria-label={t('invite.results')}>
            <Table.Thead>
              <Table.Tr><Table.Th>{t('invitations.email')}</Table.Th><Table.Th>{t('invitations.state')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {batch.results.map((r, index) => (
                <Table.Tr key={`${r.email}-${index}`}><Table.Td>{r.email}</Table.Td><Table.Td>{word('result', r.result)}</Table.Td></Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </form>
  );
}
