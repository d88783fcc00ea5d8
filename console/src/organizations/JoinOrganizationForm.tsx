import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { membership } from '../api/client';
import type { components } from '../api/generated/membership';
import { asProblem, describe, fieldError, type Problem } from '../api/problem';
import { useOrganizationText } from './text';

type Listing = components['schemas']['OrganizationListing'];

/**
 * Joining by name: the person types an organization's short name, sees which organization it is, and asks to join
 * with a word to its admins. The request is an approval request they can follow like any other.
 */
export function JoinOrganizationForm() {
  const { t } = useOrganizationText();
  const [slug, setSlug] = useState('');
  const [found, setFound] = useState<Listing | null>(null);
  const [message, setMessage] = useState('');
  const [requestId, setRequestId] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function find(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setFound(null);
    setRequestId(null);
    const { data, error } = await membership.GET('/organizations/by-slug/{slug}', { params: { path: { slug: slug.trim() } } });
    if (data) setFound(data);
    else setProblem(asProblem(error));
  }

  async function ask(event: FormEvent) {
    event.preventDefault();
    if (!found) return;
    setProblem(null);
    const { data, error } = await membership.POST('/organizations/{organization}/join-requests', {
      params: { path: { organization: found.slug } },
      body: { message: message || null, unitIds: null },
    });
    const id = (data as { id?: string } | undefined)?.id;
    if (id) setRequestId(id);
    else setProblem(asProblem(error));
  }

  return (
    <Stack>
      <form onSubmit={find} noValidate>
        <Group align="end">
          <TextInput label={t('orgs.join.slug')} description={t('orgs.join.slugHint')} value={slug}
            onChange={(e) => setSlug(e.currentTarget.value)} error={found || !problem || problem.errors ? undefined : describe(problem)} />
          <Button type="submit" variant="default">{t('orgs.join.find')}</Button>
        </Group>
      </form>
      {found && requestId === null && (
        found.myRank ? (
          <Text>{t('orgs.join.alreadyMember', { name: found.name })}</Text>
        ) : (
          <form onSubmit={ask} noValidate aria-label={t('orgs.join.askFor', { name: found.name })}>
            <Stack>
              <Text fw={600}>{found.name}</Text>
              {problem && !problem.errors && <Alert color="red" role="alert">{describe(problem)}</Alert>}
              <Textarea label={t('orgs.join.message')} value={message} maxLength={2000} autosize minRows={2}
                onChange={(e) => setMessage(e.currentTarget.value)} error={fieldError(problem, 'message')} />
              <Group><Button type="submit">{t('orgs.join.ask')}</Button></Group>
            </Stack>
          </form>
        )
      )}
      {found && requestId && (
        <Alert color="green" role="status">
          {t('orgs.join.asked', { name: found.name })}{' '}
          <Anchor component={Link} to={`/approvals/requests/${requestId}`}>{t('orgs.join.follow')}</Anchor>
        </Alert>
      )}
    </Stack>
  );
}
