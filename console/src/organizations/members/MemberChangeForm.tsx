import { useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Group, NativeSelect, Stack } from '@mantine/core';
import { membership } from '../../api/client';
import type { components } from '../../api/generated/membership';
import { asProblem, describe, type Problem } from '../../api/problem';
import { grantableRanks } from '../ranks';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import { unitChoice } from '../units/unitLabels';

export type Member = components['schemas']['MemberResponse'];

/** Rank, the unit a manager's authority is limited to, and the units the member belongs to; saved as one replacement. */
export function MemberChangeForm({ member, onSaved }: { member: Member; onSaved: (member: Member) => void }) {
  const { organization, units } = useOrganization();
  const { t, word } = useOrganizationText();
  const [rank, setRank] = useState(member.rank);
  const [scopeUnitId, setScopeUnitId] = useState(member.scopeUnitId ?? '');
  const [unitIds, setUnitIds] = useState<string[]>(member.unitIds);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const rankChoices = grantableRanks(organization.myRank);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setSaved(false);
    const { data, error } = await membership.PUT('/organizations/{organizationId}/members/{userId}', {
      params: { path: { organizationId: organization.id, userId: member.userId } },
      body: { rank, scopeUnitId: rank === 'manager' && scopeUnitId ? scopeUnitId : null, unitIds, customFields: member.customFields },
    });
    if (!data) {
      setProblem(asProblem(error));
      return;
    }
    setSaved(true);
    onSaved(data);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {saved && <Alert color="green" role="status">{t('member.saved')}</Alert>}
        {problem && <Alert color="red" role="alert">{describe(problem)}</Alert>}
        <NativeSelect label={t('member.rank')} value={rank} onChange={(e) => setRank(e.currentTarget.value)}
          data={rankChoices.includes(rank as never) ? [...rankChoices].reverse().map((r) => ({ value: r, label: word('rank', r) })) : [rank]} />
        {rank === 'manager' && (
          <NativeSelect label={t('member.scope')} value={scopeUnitId} onChange={(e) => setScopeUnitId(e.currentTarget.value)}
            data={[{ value: '', label: t('member.scope.all') }, ...units.map(unitChoice)]} />
        )}
        {units.length > 0 && (
          <Checkbox.Group label={t('member.units')} value={unitIds} onChange={setUnitIds}>
            <Stack gap="xs" mt="xs">
              {units.map((u) => <Checkbox key={u.id} value={u.id} label={`${u.name} (${word('label', u.label)})`} />)}
            </Stack>
          </Checkbox.Group>
        )}
        <Group><Button type="submit">{t('member.save')}</Button></Group>
      </Stack>
    </form>
  );
}
