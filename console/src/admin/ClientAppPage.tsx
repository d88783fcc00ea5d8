import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Anchor, Text } from '@mantine/core';
import { asProblem, describe } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { Section } from '../layout/Section';
import type { ClientApp } from '../organizations/clientApps/clientAppTypes';
import { OpenIdConnectSettings } from '../organizations/clientApps/OpenIdConnectSettings';
import { AdminFrame } from './AdminFrame';
import { platformClientApps, platformOpenIdClient } from './platformClientApps';

/** One platform-wide client app: how it signs users in. It has no API tokens: it belongs to no organization. */
export default function ClientAppPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [app, setApp] = useState<ClientApp | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const openId = useMemo(() => platformOpenIdClient(id), [id]);

  useEffect(() => {
    void (async () => {
      // Identity lists the platform-wide apps but has no read of one: find it in the list.
      const { data, error } = await platformClientApps.list();
      const found = data?.find((a) => a.id === id);
      if (found) setApp(found);
      else setProblem(data ? t('admin.clientApps.notFound') : describe(asProblem(error)));
    })();
  }, [id, t]);

  return (
    <AdminFrame title={app ? t('admin.clientApps.one', { name: app.name }) : t('admin.clientApps.title')}>
      <Anchor component={Link} to="/admin/client-apps">{t('admin.clientApps.back')}</Anchor>
      {problem && <Alert color="red" role="alert">{problem}</Alert>}
      {app && (
        <>
          <Text>{t('admin.clientApps.id', { id: app.id })}</Text>
          <Section title={t('admin.clientApps.oidc')}><OpenIdConnectSettings endpoints={openId} /></Section>
        </>
      )}
    </AdminFrame>
  );
}
