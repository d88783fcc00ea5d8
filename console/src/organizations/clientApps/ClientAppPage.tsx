import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { identity } from '../../api/client';
import { asProblem, describe } from '../../api/problem';
import { Section } from '../../layout/Section';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import { ApiTokens } from './ApiTokens';
import type { ClientApp } from './clientAppTypes';
import { OpenIdConnectSettings } from './OpenIdConnectSettings';
import { organizationOpenIdClient } from './organizationEndpoints';

/** One client app: its API tokens and how it signs users in with OpenID Connect. */
export default function ClientAppPage() {
  const { appId = '' } = useParams();
  const { organization } = useOrganization();
  const { t } = useOrganizationText();
  const [app, setApp] = useState<ClientApp | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const openId = useMemo(() => organizationOpenIdClient(organization.id, appId), [organization.id, appId]);

  useEffect(() => {
    void (async () => {
      // Identity lists an organization's apps but has no read of one: find it in the list.
      const { data, error } = await identity.GET('/organizations/{organizationId}/client-apps', { params: { path: { organizationId: organization.id } } });
      const found = data?.find((a) => a.id === appId);
      if (found) setApp(found);
      else setProblem(data ? t('clientApp.notFound') : describe(asProblem(error)));
    })();
  }, [organization.id, appId, t]);

  if (!app) return problem ? <Alert color="red" role="alert">{problem}</Alert> : null;
  return (
    <Stack>
      <Anchor component={Link} to={`/organizations/${organization.id}/client-apps`}>{t('clientApps.back')}</Anchor>
      <Title order={2}>{t('clientApp.title', { name: app.name })}</Title>
      <Text>{t('clientApp.id', { id: app.id })}</Text>
      <Section title={t('tokens.title')}><ApiTokens appId={app.id} /></Section>
      <Section title={t('oidc.title')}><OpenIdConnectSettings endpoints={openId} /></Section>
    </Stack>
  );
}
