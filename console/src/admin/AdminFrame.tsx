import type { ReactNode } from 'react';
import { NavLink as RouterLink } from 'react-router';
import { Anchor, Group, Stack, Title } from '@mantine/core';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

const areas: [string, MessageKey][] = [
  ['/admin/users', 'admin.users.title'],
  ['/admin/client-apps', 'admin.clientApps.title'],
  ['/admin/emails', 'admin.emails.title'],
  ['/admin/audit', 'admin.audit.title'],
];

/** Every administration screen: its heading under the area's own links (users, client apps, emails, audit log). */
export function AdminFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Stack maw={1100} mx="auto">
      <Group component="nav" aria-label={t('nav.admin')} gap="lg">
        {areas.map(([to, key]) => <Anchor key={to} component={RouterLink} to={to} end={to === '/admin/users'}>{t(key)}</Anchor>)}
      </Group>
      <Title order={1}>{title}</Title>
      {children}
    </Stack>
  );
}
