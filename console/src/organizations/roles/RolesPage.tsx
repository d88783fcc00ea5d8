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
import { OrganizationPermissions } from './OrganizationPermissions';
import { RoleForm } from './RoleForm';
import { usePermissionCatalogue } from './PermissionChecklist';
import type { OrganizationPermission, Role } from './roleTypes';

/**
 * The organization's custom roles and its own permission keys; its owner and admins (org.settings) define, redefine and
 * delete them. A role draws on the catalogue and on the organization's keys.
 */
export default function RolesPage() {
  const { organization } = useOrganization();
  const { t } = useOrganizationText();
  const [roles, setRoles] = useState<Role[] | null>(null);
  const catalogue = usePermissionCatalogue();
  const [ownKeys, setOwnKeys] = useState<OrganizationPermission[]>([]);
  const choices = [...catalogue, ...ownKeys.map((k) => ({ key: k.key, description: k.description, builtIn: false }))];
  const [editing, setEditing] = useState<Role | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const manages = atLeast(organization.myRank, 'admin') && organization.state === 'active';

  const load = useCallback(async () => {
    const { data } = await membership.GET('/organizations/{organizationId}/roles', { params: { path: { organizationId: organization.id } } });
    setRoles(data ?? []);
  }, [organization.id]);

  const loadKeys = useCallback(async () => {
    const { data } = await membership.GET('/organizations/{organizationId}/permissions', { params: { path: { organizationId: organization.id } } });
    setOwnKeys(data ?? []);
  }, [organization.id]);

  useEffect(() => { void load(); void loadKeys(); }, [load, loadKeys]);

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
      <OrganizationPermissions keys={ownKeys} manages={manages} onChange={loadKeys} />
      {manages && editing && (
        <Section title={t('roles.edit', { name: editing.name })}>
          <RoleForm key={editing.id} role={editing} catalogue={choices} onSaved={(role) => saved(role, 'roles.saved')} onCancel={() => setEditing(null)} />
        </Section>
      )}
      {manages && (
        <Section title={t('roles.create')}>
          <RoleForm catalogue={choices} onSaved={(role) => saved(role, 'roles.created')} />
        </Section>
      )}
    </Stack>
  );
}
