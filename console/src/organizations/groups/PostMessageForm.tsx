import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Stack, TextInput, Textarea } from '@mantine/core';
import { membership } from '../../api/client';
import { asProblem, describe, fieldError, type Problem } from '../../api/problem';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import type { MessageGroup } from './groupTypes';

// getRandomValues, not randomUUID: the latter exists only in secure contexts, and a gateway may serve plain http on a LAN.
const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * A message to everyone in the group, by email. Each post carries an Idempotency-Key made when the form is filled,
 * so pressing Send twice (or a retry after a lost answer) sends it once.
 */
export function PostMessageForm({ group }: { group: MessageGroup }) {
  const { organization } = useOrganization();
  const { t } = useOrganizationText();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [key, setKey] = useState(newKey);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setSent(null);
    const { data, error } = await membership.POST('/organizations/{organizationId}/groups/{groupId}/messages', {
      params: { path: { organizationId: organization.id, groupId: group.id }, header: { 'Idempotency-Key': key } },
      body: { subject, body },
    });
    if (!data) return setProblem(asProblem(error));
    setSent(t('group.posted', { count: Number(data.recipientCount) }));
    setSubject('');
    setBody('');
    setKey(newKey());
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {sent && <Alert color="green" role="status">{sent}</Alert>}
        {problem && !problem.errors && <Alert color="red" role="alert">{describe(problem)}</Alert>}
        <TextInput label={t('group.subject')} required value={subject} onChange={(e) => setSubject(e.currentTarget.value)} error={fieldError(problem, 'subject')} />
        <Textarea label={t('group.body')} required autosize minRows={4} value={body} onChange={(e) => setBody(e.currentTarget.value)}
          error={fieldError(problem, 'body')} />
        <Group><Button type="submit">{t('group.postSubmit')}</Button></Group>
      </Stack>
    </form>
  );
}
