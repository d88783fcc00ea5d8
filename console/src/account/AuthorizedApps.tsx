import { useCallback, useEffect, useState } from 'react';
import { Text } from '@mantine/core';
import { identity, type IdentitySchemas } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { ConfirmButton } from '../layout/ConfirmButton';
import { ListTable } from '../layout/ListTable';

type Authorization = IdentitySchemas['AppAuthorizationResponse'];

/** The third-party apps I allowed to sign me in (OpenID Connect consent); withdrawing stops their tokens and they ask again. */
export function AuthorizedApps() {
  const { t, language } = useI18n();
  const [apps, setApps] = useState<Authorization[] | null>(null);
  const load = useCallback(async () => {
    const { data } = await identity.GET('/account/authorizations');
    setApps(data ?? []);
  }, []);
  useEffect(() => { void load(); }, [load]);

  if (!apps) return null;
  if (apps.length === 0) return <Text>{t('apps.none')}</Text>;
  return (
    <ListTable label={t('apps.title')} rows={apps} rowKey={(app) => app.id}
      columns={[t('apps.app'), t('apps.scopes'), t('apps.since'), t('apps.actions')]}
      cells={(app) => {
        const name = app.clientName ?? app.clientId;
        return [name, app.scopes.join(', '), app.createdAt ? new Date(app.createdAt).toLocaleDateString(language) : '—',
          <ConfirmButton key="revoke" label={t('apps.revoke', { name })} confirmLabel={t('apps.revokeConfirm', { name })}
            onConfirm={async () => { await identity.DELETE('/account/authorizations/{id}', { params: { path: { id: app.id } } }); await load(); }} />];
      }} />
  );
}
