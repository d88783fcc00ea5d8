import { useCallback, useEffect, useState } from 'react';
import { Alert, Stack, Text } from '@mantine/core';
import { membership } from '../../api/client';
import { asProblem, describe, type Problem } from '../../api/problem';
import { ConfirmButton } from '../../layout/ConfirmButton';
import { ListTable } from '../../layout/ListTable';
import { Section } from '../../layout/Section';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import { GrantForm, useGrantableRoles, useScopeText, type GrantBody } from '../roles/GrantForm';
import type { Grant } from '../roles/roleTypes';

/**
 * The custom roles a member holds, each over its scope, their own and those of their units; those who may change the
 * member grant and revoke their own (the API still checks that nobody hands out a permission they do not hold there).
 * A unit's grant is revoked on the units screen.
 */
export function MemberRoles({ userId, controls, onChange }: { userId: string; controls: boolean; onChange: () => void }) {
  const { organization } = useOrganization();
  const { t } = useOrganizationText();
  const scopeOf = useScopeText();
  const [grants, setGrants] = useState<Grant[] | null>(null);
  const roles = useGrantableRoles(controls);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [granted, setGranted] = useState<string | null>(null);
  const path = { organizationId: organization.id, userId };

  const load = useCallback(async () => {
    const { data } = await membership.GET('/organizations/{organizationId}/members/{userId}/roles', { params: { path } });
    setGrants(data ?? null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [organization.id, userId]);

  useEffect(() => { void load(); }, [load]);

  async function changed() {
    await load();
    onChange();
  }

  async function grant(body: GrantBody) {
    setProblem(null);
    setGranted(null);
    const { data, error } = await membership.POST('/organizations/{organizationId}/members/{userId}/roles', { params: { path }, body });
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
  const scopeText = (g: Grant) => (g.throughUnitName ? t('grants.throughUnit', { scope: scopeOf(g), unit: g.throughUnitName }) : scopeOf(g));
  return (
    <Section title={t('grants.title')}>
      <Stack>
        {granted && <Alert color="green" role="status">{granted}</Alert>}
        {problem && !problem.errors && <Alert color="red" role="alert">{describe(problem)}</Alert>}
        {grants.length === 0 ? <Text>{t('grants.none')}</Text> : (
          <ListTable label={t('grants.title')} rows={grants} rowKey={(g) => g.id}
            columns={[t('grants.role'), t('grants.scope'), t('grants.permissions'), ...(controls ? [t('grants.actions')] : [])]}
            cells={(g) => [g.roleName, scopeText(g), g.permissions.join(', '), ...(controls ? [g.throughUnitId ? null : (
              <ConfirmButton key="revoke" label={t('grants.revoke', { role: g.roleName, scope: scopeText(g) })}
                confirmLabel={t('grants.revokeConfirm', { role: g.roleName })} onConfirm={() => revoke(g.id)} />
            )] : [])]} />
        )}
        {controls && roles.length === 0 && <Text>{t('grants.noRoles')}</Text>}
        {controls && roles.length > 0 && (
          <GrantForm label={t('grants.grant')} roles={roles} problem={problem} onGrant={grant} />
        )}
      </Stack>
    </Section>
  );
}
