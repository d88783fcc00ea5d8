import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { membership } from '../../api/client';
import { asProblem, describe, fieldError, type Problem } from '../../api/problem';
import { ConfirmButton } from '../../layout/ConfirmButton';
import { ListTable } from '../../layout/ListTable';
import { Section } from '../../layout/Section';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import type { Grant, Role } from '../roles/roleTypes';
import { unitChoice } from '../units/unitLabels';

const scopes = ['organization', 'unit', 'own'] as const;

/**
 * The custom roles a member holds, each over its scope; those who may change the member grant and revoke (the API
 * still checks that nobody hands out a permission they do not hold there).
 */
export function MemberRoles({ userId, controls, onChange }: { userId: string; controls: boolean; onChange: () => void }) {
  const { organization, units } = useOrganization();
  const { t, word } = useOrganizationText();
  const [grants, setGrants] = useState<Grant[] | null>(null);
  const [roles, setRoles] = useState<Role[]>([]);
  const [roleId, setRoleId] = useState('');
  const [scope, setScope] = useState<string>('organization');
  const [unitId, setUnitId] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [granted, setGranted] = useState<string | null>(null);
  const path = { organizationId: organization.id, userId };

  const load = useCallback(async () => {
    const { data } = await membership.GET('/organizations/{organizationId}/members/{userId}/roles', { params: { path } });
    setGrants(data ?? null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [organization.id, userId]);

  useEffect(() => {
    void load();
    if (!controls) return;
    void (async () => {
      const { data } = await membership.GET('/organizations/{organizationId}/roles', { params: { path: { organizationId: organization.id } } });
      setRoles(data ?? []);
      setRoleId((current) => current || data?.[0]?.id || '');
    })();
  }, [load, controls, organization.id]);

  async function changed() {
    await load();
    onChange();
  }

  async function grant(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setGranted(null);
    const { data, error } = await membership.POST('/organizations/{organizationId}/members/{userId}/roles', {
      params: { path },
      body: { roleId: roleId || null, scope, unitId: scope === 'unit' ? unitId || null : null },
    });
    if (!data) return setProblem(asProblem(error));
    setGranted(t('grants.granted', { role: data.roleName }));
    await changed();
  }

  async function revoke(grantId: string) {
    const { response, error } = await membership.DELETE('/organizations/{organizationId}/members/{userId}/roles/{grantId}', {
      params: { path: { ...path, grantId } },
    });
    setProblem(response.ok ? null : asProblem(error));
    setGranted(null);
    await changed();
  }

  if (!grants) return null;
  const scopeText = (g: Grant) => (g.scope === 'unit' ? t('grants.scope.unitNamed', { unit: g.unitName ?? '' }) : word('grants.scope', g.scope));
  return (
    <Section title={t('grants.title')}>
      <Stack>
        {granted && <Alert color="green" role="status">{granted}</Alert>}
        {problem && !problem.errors && <Alert color="red" role="alert">{describe(problem)}</Alert>}
        {grants.length === 0 ? <Text>{t('grants.none')}</Text> : (
          <ListTable label={t('grants.title')} rows={grants} rowKey={(g) => g.id}
            columns={[t('grants.role'), t('grants.scope'), t('grants.permissions'), ...(controls ? [t('grants.actions')] : [])]}
            cells={(g) => [g.roleName, scopeText(g), g.permissions.join(', '), ...(controls ? [(
              <ConfirmButton key="revoke" label={t('grants.revoke', { role: g.roleName, scope: scopeText(g) })}
                confirmLabel={t('grants.revokeConfirm', { role: g.roleName })} onConfirm={() => revoke(g.id)} />
            )] : [])]} />
        )}
        {controls && roles.length === 0 && <Text>{t('grants.noRoles')}</Text>}
        {controls && roles.length > 0 && (
          <form onSubmit={grant} noValidate aria-label={t('grants.grant')}>
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
        )}
      </Stack>
    </Section>
  );
}
