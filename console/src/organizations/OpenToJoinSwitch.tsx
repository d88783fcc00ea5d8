import { useState } from 'react';
import { Alert, Switch } from '@mantine/core';
import { membership } from '../api/client';
import { asProblem, describe, type Problem } from '../api/problem';
import type { Organization } from './organizationContext';
import { useOrganizationText } from './text';

/** Whether the organization takes join requests: a merge patch of that one setting, so nothing else is overwritten. */
export function OpenToJoinSwitch({ organization }: { organization: Organization }) {
  const { t } = useOrganizationText();
  const [open, setOpen] = useState(organization.openToJoinRequests);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function change(value: boolean) {
    setProblem(null);
    const { data, error } = await membership.PATCH('/organizations/{organizationId}/settings', {
      params: { path: { organizationId: organization.id } },
      body: { openToJoinRequests: value } as never,
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    if (data) setOpen(data.openToJoinRequests);
    else setProblem(asProblem(error));
  }

  return (
    <>
      <Switch checked={open} onChange={(e) => void change(e.currentTarget.checked)}
        label={t('org.openToJoin')} description={t('org.openToJoinHint')} />
      {problem && <Alert color="red" role="alert">{describe(problem)}</Alert>}
    </>
  );
}
