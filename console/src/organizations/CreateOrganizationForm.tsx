import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { membership } from '../api/client';
import { asProblem, describe, fieldError, type Problem } from '../api/problem';
import { useOrganizationText } from './text';

/** Name, optional short name and contact; the creator becomes the owner and lands on the new organization. */
export function CreateOrganizationForm() {
  const { t } = useOrganizationText();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [contactEmail, setContactEmail] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const { data, error } = await membership.POST('/organizations', {
      body: { name, slug: slug || null, contactEmail: contactEmail || null },
    });
    if (!data) {
      setProblem(asProblem(error));
      return;
    }
    navigate(`/organizations/${data.id}`);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {problem && !problem.errors && <Alert color="red" role="alert">{describe(problem)}</Alert>}
        <TextInput label={t('orgs.create.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError(problem, 'name')} />
        <TextInput label={t('orgs.create.slug')} description={t('orgs.create.slugHint')} value={slug}
          onChange={(e) => setSlug(e.currentTarget.value)} error={fieldError(problem, 'slug')} />
        <TextInput label={t('orgs.create.contact')} type="email" value={contactEmail}
          onChange={(e) => setContactEmail(e.currentTarget.value)} error={fieldError(problem, 'contactEmail')} />
        <Group><Button type="submit">{t('orgs.create.submit')}</Button></Group>
      </Stack>
    </form>
  );
}
