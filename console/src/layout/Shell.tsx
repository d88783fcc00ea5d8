import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { Anchor, AppShell, Button, Group, NativeSelect, Title } from '@mantine/core';
import { useI18n, type Language } from '../i18n/i18n';
import { useSession } from '../session/session';
import { AdminNav } from '../admin/AdminNav';
import { ImpersonationBanner } from '../admin/ImpersonationBanner';

export function Shell({ children }: { children: ReactNode }) {
  const { t, language } = useI18n();
  const { account, held, signOut, chooseLanguage } = useSession();
  const navigate = useNavigate();

  return (
    <AppShell header={{ height: 60 }} padding="md">
      <a className="skip-link" href="#main">{t('app.skip')}</a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" component="nav" aria-label={t('app.title')}>
          <Anchor component={Link} to="/" underline="never" c="inherit">
            <Title order={2} size="h4">{t('app.title')}</Title>
          </Anchor>
          <Group gap="sm">
            {account && !held && <Anchor component={Link} to="/account">{t('nav.account')}</Anchor>}
            {account && !held && <Anchor component={Link} to="/organizations">{t('nav.organizations')}</Anchor>}
            {account && !held && <Anchor component={Link} to="/approvals">{t('nav.approvals')}</Anchor>}
            <AdminNav />
            <NativeSelect
              aria-label={t('language.label')}
              value={language}
              onChange={(event) => void chooseLanguage(event.currentTarget.value as Language)}
              data={[{ value: 'en', label: 'English' }, { value: 'de', label: 'Deutsch' }]}
            />
            {account && (
              <Button variant="default" onClick={async () => { await signOut(); navigate('/sign-in'); }}>
                {t('nav.signOut')}
              </Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main id="main"><ImpersonationBanner />{children}</AppShell.Main>
    </AppShell>
  );
}
