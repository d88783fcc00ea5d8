import { useI18n } from '../i18n/i18n';
import { ClientAppList } from '../organizations/clientApps/ClientAppList';
import { AdminFrame } from './AdminFrame';
import { platformClientApps } from './platformClientApps';

/** Platform-wide client apps (tools everyone may sign in to), and registering one. */
export default function ClientAppsPage() {
  const { t } = useI18n();
  return (
    <AdminFrame title={t('admin.clientApps.title')}>
      <ClientAppList endpoints={platformClientApps} hint={t('admin.clientApps.hint')} base="/admin/client-apps" canRegister />
    </AdminFrame>
  );
}
