import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { identity } from '../../api/client';
import { asProblem, describe, fieldError, type Problem } from '../../api/problem';
import { ListTable } from '../../layout/ListTable';
import { Section } from '../../layout/Section';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import type { ClientApp } from './clientAppTypes';

/** The organization's client apps (owner and admins only: identity refuses anyone else), and registering one. */
export default function ClientAppsPage() {
  const { organization } = useOrganization();
  const { t, date } = useOrganizationText();
  const navigate = useNavigate();
  const [apps, setApps] = useState<ClientApp[] | null>(null);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const base = `/organizations/${organization.id}/client-apps`;
  const path = { organizationId: organization.id };

  const load = useCallback(async () => {
    const { data, error } = await identity.GET('/organizations/{organizationId}/client-apps', { params: { path: { organizationId: organization.id } } });
    setApps(data ?? null);
    if (!data) setProblem(asProblem(error));
  }, [organization.id]);
  useEffect(() => { void load(); }, [load]);

  async function register(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const { data, error } = await identity.POST('/organizations/{organizationId}/client-apps', { params: { path }, body: { name } });
    if (!data) return setProblem(asProblem(error));
    navigate(`${base}/${data.id}`);
  }

  return (
    <Stack>
      <Section title={t('clientApps.title')}>
        <Stack>
          <Text>{t('clientApps.hint')}</Text>
          {problem && !problem.errors && <Alert color="red" role="alert">{describe(problem)}</Alert>}
          {apps?.length === 0 && <Text>{t('clientApps.none')}</Text>}
          {apps && apps.length > 0 && (
            <ListTable label={t('clientApps.title')} rows={apps} rowKey={(app) => app.id}
              columns={[t('clientApps.name'), t('clientApps.created')]}
              cells={(app) => [<Anchor key="name" component={Link} to={`${base}/${app.id}`}>{app.name}</Anchor>, date(app.createdAt)]} />
          )}
        </Stack>
      </Section>
      {apps && organization.state === 'active' && (
        <Section title={t('clientApps.register')}>
          <form onSubmit={register} noValidate>
            <Group align="flex-start">
              <TextInput label={t('clientApps.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(problem, 'name')} />
              <Button type="submit" mt={24}>{t('clientApps.registerSubmit')}</Button>
            </Group>
          </form>
        </Section>
      )}
    </Stack>
  );
}
