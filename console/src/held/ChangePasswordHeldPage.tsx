import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';
import { FormPage } from '../layout/FormPage';
import { ChangePasswordForm } from '../account/ChangePasswordForm';

/** The gateway lets a session that must change its password do nothing else: this screen releases it. */
export default function ChangePasswordHeldPage() {
  const { t } = useI18n();
  const { refresh } = useSession();
  const navigate = useNavigate();
  return (
    <FormPage title={t('held.password.title')} hint={t('held.password.hint')}>
      <ChangePasswordForm onChanged={async () => { await refresh(); navigate('/', { replace: true }); }} />
    </FormPage>
  );
}
