import { useCallback, useEffect, useMemo, useState } from 'react';
import { NavLink, Outlet, useParams } from 'react-router';
import { Alert, Anchor, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { membership } from '../api/client';
import { asProblem, describe } from '../api/problem';
import { OrganizationContext, type Organization, type Unit } from './organizationContext';
import { organizationAreas } from './areas';
import { useOrganizationText } from './text';

/** One organization's screens: its name, the caller's rank, and the way between its areas. */
export function OrganizationLayout() {
  const { organizationId = '' } = useParams();
  const { t, word } = useOrganizationText();
  const [organization, setOrganization] = useState<Organization | null>(null);
  const [units, setUnits] = useState<Unit[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  const reloadUnits = useCallback(async () => {
    const { data } = await membership.GET('/organizations/{organizationId}/units', { params: { path: { organizationId } } });
    if (data) setUnits(data);
  }, [organizationId]);

  useEffect(() => {
    void (async () => {
      const { data, error } = await membership.GET('/organizations/{organizationId}', { params: { path: { organizationId } } });
      if (data) setOrganization(data);
      else setProblem(describe(asProblem(error)));
    })();
    void reloadUnits();
  }, [organizationId, reloadUnits]);

  const screen = useMemo(() => (organization ? { organization, units, reloadUnits } : null), [organization, units, reloadUnits]);
  if (problem) return <Alert color="red" role="alert">{problem}</Alert>;
  if (!screen || !organization) return <Center p="xl"><Loader aria-label={t('org.home')} /></Center>;

  const base = `/organizations/${organization.id}`;
  return (
    <OrganizationContext.Provider value={screen}>
      <Stack maw={1100} mx="auto">
        <div>
          <Title order={1}>{organization.name}</Title>
          <Text>{t('org.myRank', { rank: word('rank', organization.myRank ?? '') })}</Text>
        </div>
        {organization.state === 'archived' && <Alert color="yellow">{t('org.archived')}</Alert>}
        <Group component="nav" aria-label={t('org.nav')} gap="lg">
          <Anchor component={NavLink} to={base} end>{t('org.home')}</Anchor>
          {organizationAreas(organization).map((area) => (
            <Anchor key={area.path} component={NavLink} to={`${base}/${area.path}`}>{t(area.title)}</Anchor>
          ))}
        </Group>
        <Outlet />
      </Stack>
    </OrganizationContext.Provider>
  );
}
