import { useEffect, useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect } from '@mantine/core';
import { membership } from '../../api/client';
import { fieldError, type Problem } from '../../api/problem';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import { unitChoice } from '../units/unitLabels';
import type { Role } from './roleTypes';

const scopes = ['organization', 'unit', 'own'] as const;

export interface GrantBody {
  roleId: string | null;
  scope: string;
  unitId: string | null;
}

interface GrantFormProps {
  label: string;
  roles: Role[];
  problem: Problem | null;
  onGrant: (body: GrantBody) => Promise<void>;
}

/** A role and where it applies (the whole organization, a unit subtree, own records): for a member or for a unit. */
export function GrantForm({ label, roles, problem, onGrant }: GrantFormProps) {
  const { units } = useOrganization();
  const { t, word } = useOrganizationText();
  const [roleId, setRoleId] = useState(roles[0]?.id ?? '');
  const [scope, setScope] = useState<string>('organization');
  const [unitId, setUnitId] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    await onGrant({ roleId: roleId || null, scope, unitId: scope === 'unit' ? unitId || null : null });
  }

  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <Group align="flex-end">
        <NativeSelect label={t('grants.role')} value={roleId} onChange={(e) => setRoleId(e.currentTarget.value)} error={fieldError(problem, 'roleId')}
          data={roles.map((r) => ({ value: r.id, label: r.name }))} />
        <NativeSelect label={t('grants.scope')} value={scope} onChange={(e) => setScope(e.currentTarget.value)} error={fieldError(problem, 'scope')}
          data={scopes.map((s) => ({ value: s, label: word('grants.scope', s) }))} />
        {scope === 'unit' && (
          <NativeSelect label={t('grants.unit')} value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)} error={fieldError(problem, 'unitId')}
            data={[{ value: '', label: '' }, ...units.map(unitChoice)]} />
        )}
        <Button type="submit">{t('grants.grantSubmit')}</Button>
      </Group>
    </form>
  );
}

/** How a grant's scope reads in a list: "Unit North and its sub-units", "The whole organization". */
export function useScopeText() {
  const { t, word } = useOrganizationText();
  return (g: { scope: string; unitName?: string | null }) =>
    (g.scope === 'unit' ? t('grants.scope.unitNamed', { unit: g.unitName ?? '' }) : word('grants.scope', g.scope));
}

/** The organization's roles to grant, loaded only for those shown the controls. */
export function useGrantableRoles(enabled: boolean): Role[] {
  const { organization } = useOrganization();
  const [roles, setRoles] = useState<Role[]>([]);
  useEffect(() => {
    if (!enabled) return;
    void (async () => {
      const { data } = await membership.GET('/organizations/{organizationId}/roles', { params: { path: { organizationId: organization.id } } });
      setRoles(data ?? []);
    })();
  }, [enabled, organization.id]);
  return roles;
}
