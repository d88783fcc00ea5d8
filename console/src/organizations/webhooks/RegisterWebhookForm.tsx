import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { notifications } from '../../api/client';
import { asProblem, describe, fieldError, type Problem } from '../../api/problem';
import { OnceSecret } from '../../layout/OnceSecret';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';

/** A new endpoint: its URL, the event types it wants, a description; the answer's signing secret is shown once. */
export function RegisterWebhookForm({ onRegistered }: { onRegistered: () => void }) {
  const { organization } = useOrganization();
  const { t } = useOrganizationText();
  const [url, setUrl] = useState('');
  const [eventTypes, setEventTypes] = useState('');
  const [description, setDescription] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setSecret(null);
    const { data, error } = await notifications.POST('/organizations/{organizationId}/webhooks', {
      params: { path: { organizationId: organization.id } },
      body: { url, eventTypes: eventTypes.split(/[\s,]+/).filter(Boolean), description },
    });
    if (!data) return setProblem(asProblem(error));
    setSecret(data.secret);
    setUrl('');
    setEventTypes('');
    setDescription('');
    onRegistered();
  }

  return (
    <Stack>
      {secret && <OnceSecret label={t('webhooks.secret')} secret={secret} />}
      {problem && !problem.errors && <Alert color="red" role="alert">{describe(problem)}</Alert>}
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput type="url" label={t('webhooks.url')} required value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={fieldError(problem, 'url')} />
          <TextInput label={t('webhooks.events')} description={t('webhooks.eventsHint')} required value={eventTypes}
            onChange={(e) => setEventTypes(e.currentTarget.value)} error={fieldError(problem, 'eventTypes')} />
          <TextInput label={t('webhooks.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)}
            error={fieldError(problem, 'description')} />
          <Group><Button type="submit">{t('webhooks.registerSubmit')}</Button></Group>
        </Stack>
      </form>
    </Stack>
  );
}
