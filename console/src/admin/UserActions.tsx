import { Button, Group } from '@mantine/core';
import { identity } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { ConfirmButton } from '../layout/ConfirmButton';
import type { AdminUser } from './types';

type Move = 'suspend' | 'reactivate' | 'unlock' | 'archive' | 'restore';

/** Which lifecycle moves the page offers for a state; the API refuses any other with a 409 all the same. */
const offered: Record<Move, (state: string) => boolean> = {
  suspend: (s) => s === 'active' || s === 'locked' || s === 'pending',
  reactivate: (s) => s === 'suspended',
  unlock: (s) => s === 'locked',
  archive: (s) => s !== 'archived' && s !== 'deleted',
  restore: (s) => s === 'archived',
};

export type ActionOutcome = { user?: AdminUser; ended?: number; notice?: string; error?: unknown };

/** Suspend, reactivate, unlock, archive, restore and end sessions, each one click; deleting an archived account asks first. */
export function UserActions({ user, onDone }: { user: AdminUser; onDone: (outcome: ActionOutcome) => void }) {
  const { t } = useI18n();
  const path = { params: { path: { id: user.id } } };

  const calls: Record<Move, () => Promise<{ data?: AdminUser; error?: unknown }>> = {
    suspend: () => identity.POST('/admin/users/{id}/suspend', path),
    reactivate: () => identity.POST('/admin/users/{id}/reactivate', path),
    unlock: () => identity.POST('/admin/users/{id}/unlock', path),
    archive: () => identity.POST('/admin/users/{id}/archive', path),
    restore: () => identity.POST('/admin/users/{id}/restore', path),
  };

  async function move(action: Move) {
    const { data, error } = await calls[action]();
    onDone(data ? { user: data } : { error });
  }

  async function remove() {
    const { data, error } = await identity.POST('/admin/users/{id}/delete', path);
    onDone(data ? { user: data } : { error });
  }

  async function endSessions() {
    const { data, error } = await identity.POST('/admin/users/{id}/sessions/end', path);
    onDone(data ? { ended: Number(data.ended) } : { error });
  }

  return (
    <Group>
      {(Object.keys(offered) as Move[]).filter((m) => offered[m](user.state)).map((m) => (
        <Button key={m} variant="default" onClick={() => move(m)}>{t(`admin.user.${m}` as MessageKey)}</Button>
      ))}
      {user.state !== 'deleted' && <Button variant="default" onClick={endSessions}>{t('admin.user.endSessions')}</Button>}
      {user.state === 'archived' && (
        <ConfirmButton size="sm" label={t('admin.user.delete')} confirmLabel={t('admin.user.deleteConfirm', { email: user.email })} onConfirm={remove} />
      )}
    </Group>
  );
}
