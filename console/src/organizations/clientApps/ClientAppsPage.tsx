import { useMemo } from 'react';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import { ClientAppList } from './ClientAppList';
import { organizationClientApps } from './organizationEndpoints';

/** The organization's client apps (owner and admins only: identity refuses anyone else), and registering one. */
export default function ClientAppsPage() {
  const { organization } = useOrganization();
  const { t } = useOrganizationText();
  const endpoints = useMemo(() => organizationClientApps(organization.id), [organization.id]);
  return (
    <ClientAppList endpoints={endpoints} hint={t('clientApps.hint')} base={`/organizations/${organization.id}/client-apps`}
      canRegister={organization.state === 'active'} />
  );
}
