import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { membership } from '../../api/client';
import { asProblem, describe, fieldError, type Problem } from '../../api/problem';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import { PermissionChecklist } from './PermissionChecklist';
import type { Permission, Role } from './roleTypes';

interface RoleFormProps {
  /** The role to redefine; none to create one. */
  role?: Role;
  catalogue: Permission[];
  onSaved: (role: Role) => void;
  onCancel?: () => void;
}

/** A role's name, description and permissions from the catalogue; PUT replaces them all, POST creates. */
export function RoleForm({ role, catalogue, onSaved, onCancel }: RoleFormProps) {
  const { organization } = useOrganization();
  const { t } = useOrganizationText();
  const [name, setName] = useState(role?.name ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  const [permissions, setPermissions] = useState<string[]>(role?.permissions ?? []);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const body = { name, description, permissions };
    const organizationId = organization.id;
    const { data, error } = role
      ? await membership.PUT('/organizations/{organizationId}/roles/{roleId}', { params: { path: { organizationId, roleId: role.id } }, body })
      : await membership.POST('/organizations/{organizationId}/roles', { params: { path: { organizationId } }, body });
    if (!data) return setProblem(asProblem(error));
    if (!role) {
      setName('');
      setDescription('');
      setPermissions([]);
    }
    onSaved(data);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {problem && !problem.errors && <Alert color="red" role="alert">{describe(problem)}</Alert>}
        <Group grow align="flex-start">
          <TextInput label={t('roles.name')} required value={name}
            onChange={(e) => setName(e.currentTarget.value)} error={fieldError(problem, 'name')} />
          <TextInput label={t('roles.description')} value={description}
            onChange={(e) => setDescription(e.currentTarget.value)} error={fieldError(problem, 'description')} />
        </Group>
        <PermissionChecklist label={t('roles.permissions')} catalogue={catalogue} value={permissions} onChange={setPermissions}
          error={fieldError(problem, 'permissions')} />
        <Group>
          <Button type="submit">{role ? t('roles.editSubmit') : t('roles.createSubmit')}</Button>
          {onCancel && <Button variant="subtle" onClick={onCancel}>{t('roles.cancel')}</Button>}
        </Group>
      </Stack>
    </form>
  );
}
