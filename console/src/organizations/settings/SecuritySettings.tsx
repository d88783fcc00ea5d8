import { useState } from 'react';
import { Alert, Stack, Switch } from '@mantine/core';
import { membership } from '../../api/client';
import { asProblem, describe } from '../../api/problem';
import type { Organization } from '../organizationContext';
import { useOrganizationText } from '../text';

type SecuritySetting = 'requireTwoFactor' | 'adminsMayImpersonate';

/** Required two-factor and impersonation consent, each a merge patch of that one setting, so nothing else is overwritten. */
export function SecuritySettings({ organization }: { organization: Organization }) {
  const { t } = useOrganizationText();
  const [values, setValues] = useState({ requireTwoFactor: organization.requireTwoFactor, adminsMayImpersonate: organization.adminsMayImpersonate });
  const [problem, setProblem] = useState<string | null>(null);

  async function change(setting: SecuritySetting, value: boolean) {
    setProblem(null);
    const { data, error } = await membership.PATCH('/organizations/{organizationId}/settings', {
      params: { path: { organizationId: organization.id } },
      body: { [setting]: value } as never,
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    if (data) setValues({ requireTwoFactor: data.requireTwoFactor, adminsMayImpersonate: data.adminsMayImpersonate });
    else setProblem(describe(asProblem(error)));
  }

  return (
    <Stack>
      {problem && <Alert color="red" role="alert">{problem}</Alert>}
      <Switch checked={values.requireTwoFactor} onChange={(e) => void change('requireTwoFactor', e.currentTarget.checked)}
        label={t('settings.requireTwoFactor')} description={t('settings.requireTwoFactorHint')} />
      <Switch checked={values.adminsMayImpersonate} onChange={(e) => void change('adminsMayImpersonate', e.currentTarget.checked)}
        label={t('settings.impersonation')} description={t('settings.impersonationHint')} />
    </Stack>
  );
}
