import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useI18n } from '../i18n/i18n';
import { Section } from '../layout/Section';
import { useSession } from '../session/session';
import { AuthorizedApps } from './AuthorizedApps';
import { ChangePasswordForm } from './ChangePasswordForm';
import { EmailChangeForm } from './EmailChangeForm';
import { NotificationPreferences } from './NotificationPreferences';
import { PersonalTokens } from './PersonalTokens';
import { ProfileForm } from './ProfileForm';
import { SessionsList } from './SessionsList';
import { TwoFactorEnrolment } from './TwoFactorEnrolment';

/**
 * My account: profile and language, email address, password, two-factor sign-in, sessions, personal tokens, the apps I
 * let sign me in, which emails I get, and my data to download. My organizations (and the active one) have their own
 * screen in the header's navigation.
 */
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
      <Section title={t('email.title')}>
        <EmailChangeForm />
      </Section>
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
      <Section title={t('personalTokens.title')}>
        <Text mb="sm">{t('personalTokens.intro')}</Text>
        <PersonalTokens />
      </Section>
      <Section title={t('apps.title')}>
        <AuthorizedApps />
      </Section>
      <Section title={t('preferences.title')}>
        <NotificationPreferences />
      </Section>
      <Section title={t('export.title')}>
        <Text mb="sm">{t('export.hint')}</Text>
        <Group>
          {/* A plain download: the browser sends the session cookie to its own origin, and saves the JSON as a file. */}
          <Button component="a" variant="default" href="/api/identity/account/export" download="my-account.json">{t('export.download')}</Button>
        </Group>
      </Section>
    </Stack>
  );
}
