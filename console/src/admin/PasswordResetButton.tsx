import { Button, Group } from '@mantine/core';
import { identity } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { ActionOutcome } from './UserActions';
import type { AdminUser } from './types';

/**
 * Emails the user a link to choose a new password. Identity answers once the link is handed to the notifications
 * service, not when it is delivered, so the notice says "queued" and points to the delivery log.
 */
export function PasswordResetButton({ user, onDone }: { user: AdminUser; onDone: (outcome: ActionOutcome) => void }) {
  const { t } = useI18n();
  async function send() {
    const { data, error } = await identity.POST('/admin/users/{id}/password-reset', { params: { path: { id: user.id } }, body: { mode: 'link', temporaryPassword: null } });
    onDone(data ? { notice: t('admin.reset.queued', { email: user.email }) } : { error });
  }
  return <Group><Button variant="default" onClick={send}>{t('admin.reset.send')}</Button></Group>;
}
