import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { asProblem, describe, fieldError, type Problem } from '../../api/problem';
import { ListTable } from '../../layout/ListTable';
import { Section } from '../../layout/Section';
import { useOrganizationText } from '../text';
import type { ClientApp, ClientAppEndpoints } from './clientAppTypes';

interface ClientAppListProps {
  endpoints: ClientAppEndpoints;
  /** What these apps are for, above the list. */
  hint: string;
  /** The address of the list; an app's page is below it. */
  base: string;
  canRegister: boolean;
}

/** Client apps and registering one, for an organization's administrators or the platform's; registering opens the new app. */
export function ClientAppList({ endpoints, hint, base, canRegister }: ClientAppListProps) {
  const { t, date } = useOrganizationText();
  const navigate = useNavigate();
  const [apps, setApps] = useState<ClientApp[] | null>(null);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);

  const load = useCallback(async () => {
    const { data, error } = await endpoints.list();
    setApps(data ?? null);
    if (!data) setProblem(asProblem(error));
  }, [endpoints]);
  useEffect(() => { void load(); }, [load]);

  async function register(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const { data, error } = await endpoints.register(name);
    if (!data) return setProblem(asProblem(error));
    navigate(`${base}/${data.id}`);
  }

  return (
    <Stack>
      <Section title={t('clientApps.title')}>
        <Stack>
          <Text>{hint}</Text>
          {problem && !problem.errors && <Alert color="red" role="alert">{describe(problem)}</Alert>}
          {apps?.length === 0 && <Text>{t('clientApps.none')}</Text>}
          {apps && apps.length > 0 && (
            <ListTable label={t('clientApps.title')} rows={apps} rowKey={(app) => app.id}
              columns={[t('clientApps.name'), t('clientApps.created')]}
              cells={(app) => [<Anchor key="name" component={Link} to={`${base}/${app.id}`}>{app.name}</Anchor>, date(app.createdAt)]} />
          )}
        </Stack>
      </Section>
      {apps && canRegister && (
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
