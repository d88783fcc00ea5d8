import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { membership } from '../../api/client';
import { asProblem, describe } from '../../api/problem';
import { ConfirmButton } from '../../layout/ConfirmButton';
import { ListTable } from '../../layout/ListTable';
import { Section } from '../../layout/Section';
import { atLeast } from '../ranks';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import { RoleForm } from './RoleForm';
import { usePermissionCatalogue } from './PermissionChecklist';
import type { Role } from './roleTypes';

/** The organization's custom roles; its owner and admins (org.settings) define, redefine and delete them. */
export default function RolesPage() {
  const { organization } = useOrganization();
  const { t } = useOrganizationText();
  const [roles, setRoles] = useState<Role[] | null>(null);
  const catalogue = usePermissionCatalogue();
  const [editing, setEditing] = useState<Role | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const manages = atLeast(organization.myRank, 'admin') && organization.state === 'active';

  const load = useCallback(async () => {
    const { data } = await membership.GET('/organizations/{organizationId}/roles', { params: { path: { organizationId: organization.id } } });
    setRoles(data ?? []);
  }, [organization.id]);

  useEffect(() => { void load(); }, [load]);

  async function saved(role: Role, key: 'roles.created' | 'roles.saved') {
    setEditing(null);
    setMessage({ ok: true, text: t(key, { name: role.name }) });
    await load();
  }

  async function remove(role: Role) {
    const { response, error } = await membership.DELETE('/organizations/{organizationId}/roles/{roleId}', {
      params: { path: { organizationId: organization.id, roleId: role.id } },
    });
    setMessage(response.ok ? { ok: true, text: t('roles.deleted', { name: role.name }) } : { ok: false, text: describe(asProblem(error)) });
    await load();
  }

  return (
    <Stack>
      <Section title={t('roles.title')}>
        <Stack>
          <Text>{t('roles.hint')}</Text>
          {!manages && <Text>{t('roles.onlyAdmins')}</Text>}
          {message && <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>{message.text}</Alert>}
          {roles?.length === 0 && <Text>{t('roles.none')}</Text>}
          {roles && roles.length > 0 && (
            <ListTable label={t('roles.title')} rows={roles} rowKey={(role) => role.id}
              columns={[t('roles.name'), t('roles.description'), t('roles.permissions'), ...(manages ? [t('roles.actions')] : [])]}
              cells={(role) => [
                role.name,
                role.description,
                role.permissions.join(', '),
                ...(manages ? [(
                  <Group gap="xs" key="actions">
                    <Button size="compact-sm" variant="default" onClick={() => setEditing(role)}>{t('roles.edit', { name: role.name })}</Button>
                    <ConfirmButton label={t('roles.delete', { name: role.name })} confirmLabel={t('roles.deleteConfirm', { name: role.name })}
                      onConfirm={() => remove(role)} />
                  </Group>
                )] : []),
              ]} />
          )}
        </Stack>
      </Section>
      {manages && editing && (
        <Section title={t('roles.edit', { name: editing.name })}>
          <RoleForm key={editing.id} role={editing} catalogue={catalogue} onSaved={(role) => saved(role, 'roles.saved')} onCancel={() => setEditing(null)} />
        </Section>
      )}
      {manages && (
        <Section title={t('roles.create')}>
          <RoleForm catalogue={catalogue} onSaved={(role) => saved(role, 'roles.created')} />
        </Section>
      )}
    </Stack>
  );
}
