import { useState } from 'react';
import { Alert, Button, Group, Stack } from '@mantine/core';
import { identity } from '../../api/client';
import { asProblem, describe } from '../../api/problem';
import { ConfirmButton } from '../../layout/ConfirmButton';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import type { ManagedAccount } from './accountTypes';

type Move = 'suspend' | 'reactivate' | 'unlock' | 'archive' | 'restore' | 'delete';

/** The lifecycle moves the account's state allows: deleting (personal data anonymized) only once it is archived. */
function movesFor(state: string): Move[] {
  switch (state) {
    case 'active': return ['suspend', 'archive'];
    case 'pending':
    case 'inactive': return ['suspend', 'archive'];
    case 'locked': return ['unlock', 'suspend', 'archive'];
    case 'suspended': return ['reactivate', 'archive'];
    case 'archived': return ['restore', 'delete'];
    default: return [];
  }
}

export function AccountMoves({ account, onMoved }: { account: ManagedAccount; onMoved: (account: ManagedAccount) => void }) {
  const { organization } = useOrganization();
  const { t } = useOrganizationText();
  const [problem, setProblem] = useState<string | null>(null);
  const name = `${account.firstName} ${account.lastName}`.trim() || account.email;

  async function move(to: Move) {
    setProblem(null);
    const { data, error } = await identity.POST(`/organizations/{organizationId}/accounts/{userId}/${to}`, {
      params: { path: { organizationId: organization.id, userId: account.id } },
    });
    if (data) onMoved(data);
    else setProblem(describe(asProblem(error)));
  }

  return (
    <Stack>
      {problem && <Alert color="red" role="alert">{problem}</Alert>}
      <Group>
        {movesFor(account.state).map((to) => to === 'archive' || to === 'delete'
          ? <ConfirmButton key={to} size="sm" label={t(`account.move.${to}`)} confirmLabel={t(to === 'archive' ? 'account.move.archive.confirm' : 'account.move.delete.confirm', { name })} onConfirm={() => move(to)} />
          : <Button key={to} variant="default" onClick={() => void move(to)}>{t(`account.move.${to}`)}</Button>)}
      </Group>
    </Stack>
  );
}
