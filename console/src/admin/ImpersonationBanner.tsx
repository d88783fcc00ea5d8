import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Group, Paper, Text } from '@mantine/core';
import { identity } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

/**
 * On every screen while a platform administrator acts as someone else: who, and one click to stop, which returns the
 * browser to the administrator's own session and to that user's page.
 */
export function ImpersonationBanner() {
  const { t } = useI18n();
  const { account, refresh } = useSession();
  const navigate = useNavigate();
  const [impersonating, setImpersonating] = useState(false);

  useEffect(() => {
    let current = true;
    if (!account) {
      setImpersonating(false);
      return;
    }
    void identity.GET('/sessions/current').then(({ data }) => { if (current) setImpersonating(Boolean(data?.impersonatedBy)); });
    return () => { current = false; };
  }, [account]);

  if (!account || !impersonating) return null;
  async function stop() {
    const userId = account!.id;
    await identity.DELETE('/sessions/current');
    setImpersonating(false);
    await refresh();
    navigate(`/admin/users/${userId}`);
  }

  return (
    <Paper component="section" aria-label={t('impersonation.label')} bg="orange.5" p="sm" mb="md">
      <Group justify="space-between">
        <Text c="black" fw={600}>{t('impersonation.banner', { name: `${account.firstName} ${account.lastName}`, email: account.email })}</Text>
        <Button color="dark" onClick={stop}>{t('impersonation.stop')}</Button>
      </Group>
    </Paper>
  );
}
