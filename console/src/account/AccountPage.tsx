import { Card, Stack, Text, Title } from '@mantine/core';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';
import { ChangePasswordForm } from './ChangePasswordForm';
import { ProfileForm } from './ProfileForm';
import { SessionsList } from './SessionsList';
import { TwoFactorEnrolment } from './TwoFactorEnrolment';

/** My account: profile, password, two-factor sign-in and sessions. */
export default function AccountPage() {
  const { t } = useI18n();
  const { account, refresh } = useSession();
  if (!account) return null;

  return (
    <Stack maw={720} mx="auto">
      <Title order={1}>{t('account.title')}</Title>
      <Card withBorder component="section" aria-labelledby="profile-heading">
        <Title order={2} size="h3" id="profile-heading" mb="sm">{t('account.profile')}</Title>
        <Text mb="sm">{t('account.email')}: {account.email}</Text>
        <ProfileForm account={account} onSaved={refresh} />
      </Card>
      <Card withBorder component="section" aria-labelledby="password-heading">
        <Title order={2} size="h3" id="password-heading" mb="sm">{t('account.password')}</Title>
        <ChangePasswordForm />
      </Card>
      <Card withBorder component="section" aria-labelledby="two-factor-heading">
        <Title order={2} size="h3" id="two-factor-heading" mb="sm">{t('twoFactor.title')}</Title>
        {account.twoFactorEnabled ? (
          <Text>{t('twoFactor.on')}</Text>
        ) : (
          <Stack>
            <Text>{t('twoFactor.off')}</Text>
            <TwoFactorEnrolment onDone={refresh} />
          </Stack>
        )}
      </Card>
      <Card withBorder component="section" aria-labelledby="sessions-heading">
        <Title order={2} size="h3" id="sessions-heading" mb="sm">{t('account.sessions')}</Title>
        <SessionsList />
      </Card>
    </Stack>
  );
}
