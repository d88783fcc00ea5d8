import { useCallback, useEffect, useState } from 'react';
import { Alert, Stack, Text } from '@mantine/core';
import { membership } from '../../api/client';
import type { components } from '../../api/generated/membership';
import { asProblem, describe, type Problem } from '../../api/problem';
import { ConfirmButton } from '../../layout/ConfirmButton';
import { ListTable } from '../../layout/ListTable';
import { useOrganization, type Unit } from '../organizationContext';
import { useOrganizationText } from '../text';
import { GrantForm, useGrantableRoles, useScopeText, type GrantBody } from '../roles/GrantForm';

type UnitGrant = components['schemas']['UnitGrantResponse'];

/**
 * The custom roles granted to one unit: everyone in it or in a sub-unit holds them while they are there. Managers and
 * above grant and revoke (the API checks that a scoped manager stays inside their subtree and hands out only what they hold).
 */
export function UnitRoles({ unit, controls }: { unit: Unit; controls: boolean }) {
  const { organization } = useOrganization();
  const { t } = useOrganizationText();
  const scopeText = useScopeText();
  const [grants, setGrants] = useState<UnitGrant[]>([]);
  const roles = useGrantableRoles(controls);
  const [problem, setProblem] = useState<Problem | null>(null);
  const path = { organizationId: organization.id, unitId: unit.id };

  const load = useCallback(async () => {
    const { data } = await membership.GET('/organizations/{organizationId}/units/{unitId}/roles', { params: { path } });
    setGrants(data ?? []);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [organization.id, unit.id]);

  useEffect(() => { void load(); }, [load]);

  async function grant(body: GrantBody) {
    const { data, error } = await membership.POST('/organizations/{organizationId}/units/{unitId}/roles', { params: { path }, body });
    setProblem(data ? null : asProblem(error));
    await load();
  }

  async function revoke(grantId: string) {
    const { response, error } = await membership.DELETE('/organizations/{organizationId}/units/{unitId}/roles/{grantId}', {
      params: { path: { ...path, grantId } },
    });
    setProblem(response.ok ? null : asProblem(error));
    await load();
  }

  const title = t('unitRoles.title', { name: unit.name });
  return (
    <Stack gap="xs" mt="xs">
      {problem && !problem.errors && <Alert color="red" role="alert">{describe(problem)}</Alert>}
      {grants.length === 0 ? <Text size="sm">{t('unitRoles.none', { name: unit.name })}</Text> : (
        <ListTable label={title} rows={grants} rowKey={(g) => g.id}
          columns={[t('grants.role'), t('grants.scope'), t('grants.permissions'), ...(controls ? [t('grants.actions')] : [])]}
          cells={(g) => [g.roleName, scopeText(g), g.permissions.join(', '), ...(controls ? [(
            <ConfirmButton key="revoke" label={t('grants.revoke', { role: g.roleName, scope: scopeText(g) })}
              confirmLabel={t('grants.revokeConfirm', { role: g.roleName })} onConfirm={() => revoke(g.id)} />
          )] : [])]} />
      )}
      {controls && roles.length > 0 && <GrantForm label={t('unitRoles.grant', { name: unit.name })} roles={roles} problem={problem} onGrant={grant} />}
    </Stack>
  );
}
