import type { ReactNode } from 'react';
import { NavLink as RouterLink } from 'react-router';
import { Anchor, Group, Stack, Title } from '@mantine/core';
import { useI18n } from '../i18n/i18n';

/** Every administration screen: its heading under the area's own links (users, audit log). */
export function AdminFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Stack maw={1100} mx="auto">
      <Group component="nav" aria-label={t('nav.admin')} gap="lg">
        <Anchor component={RouterLink} to="/admin/users" end>{t('admin.users.title')}</Anchor>
        <Anchor component={RouterLink} to="/admin/audit">{t('admin.audit.title')}</Anchor>
      </Group>
      <Title order={1}>{title}</Title>
      {children}
    </Stack>
  );
}
