import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';
import { FormPage } from '../layout/FormPage';
import { TwoFactorEnrolment } from '../account/TwoFactorEnrolment';

/** An organization of the person requires two-factor: until they enrol, the gateway allows little else. */
export default function EnrolTwoFactorHeldPage() {
  const { t } = useI18n();
  const { refresh } = useSession();
  const navigate = useNavigate();
  return (
    <FormPage title={t('held.twoFactor.title')} hint={t('held.twoFactor.hint')}>
      <TwoFactorEnrolment onDone={async () => { await refresh(); navigate('/', { replace: true }); }} />
    </FormPage>
  );
}
