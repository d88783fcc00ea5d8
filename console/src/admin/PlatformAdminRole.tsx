import { Button, Group, Text } from '@mantine/core';
import { identity } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { ConfirmButton } from '../layout/ConfirmButton';
import type { ActionOutcome } from './UserActions';
import type { AdminUser } from './types';

/**
 * Making an account a platform administrator, or taking the role back. Identity refuses to take it from the last
 * administrator who can sign in (409); the page shows that refusal as it comes.
 */
export function PlatformAdminRole({ user, onDone }: { user: AdminUser; onDone: (outcome: ActionOutcome) => void }) {
  const { t } = useI18n();
  const path = { params: { path: { id: user.id } } };

  async function grant() {
    const { data, error } = await identity.PUT('/admin/users/{id}/platform-admin', path);
    onDone(data ? { user: data, notice: t('admin.role.granted') } : { error });
  }

  async function revoke() {
    const { data, error } = await identity.DELETE('/admin/users/{id}/platform-admin', path);
    onDone(data ? { user: data, notice: t('admin.role.revoked') } : { error });
  }

  return (
    <Group>
      <Text>{t(user.platformAdmin ? 'admin.role.is' : 'admin.role.isNot')}</Text>
      {user.platformAdmin
        ? <ConfirmButton size="sm" label={t('admin.role.revoke')} confirmLabel={t('admin.role.revokeConfirm')} onConfirm={revoke} />
        : user.state === 'active' && <Button variant="default" onClick={grant}>{t('admin.role.grant')}</Button>}
    </Group>
  );
}
