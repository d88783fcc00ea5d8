import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { membership } from '../../api/client';
import { asProblem, describe, fieldError, type Problem } from '../../api/problem';
import { useOrganization } from '../organizationContext';
import { ranks } from '../ranks';
import { useOrganizationText } from '../text';
import { unitChoice } from '../units/unitLabels';
import { groupKinds, ruleTypes, type MessageGroup } from './groupTypes';

/** A new group: open or restricted (people added by hand, or joining themselves), or automatic with its rule. */
export function CreateGroupForm({ onCreated }: { onCreated: (group: MessageGroup) => void }) {
  const { organization, units } = useOrganization();
  const { t, word } = useOrganizationText();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [kind, setKind] = useState<string>('restricted');
  const [ruleType, setRuleType] = useState<string>('all-members');
  const [rank, setRank] = useState('member');
  const [unitId, setUnitId] = useState(units[0]?.id ?? '');
  const [problem, setProblem] = useState<Problem | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const rule = kind !== 'automatic' ? null
      : { type: ruleType, rank: ruleType === 'rank' ? rank : null, unitId: ruleType === 'unit' ? unitId || null : null };
    const { data, error } = await membership.POST('/organizations/{organizationId}/groups', {
      params: { path: { organizationId: organization.id } },
      body: { name, description, kind, rule },
    });
    if (!data) return setProblem(asProblem(error));
    setName('');
    setDescription('');
    onCreated(data);
  }

  const ruleError = fieldError(problem, 'rule') ?? fieldError(problem, 'rule.type');
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {problem && !problem.errors && <Alert color="red" role="alert">{describe(problem)}</Alert>}
        <Group grow align="flex-start">
          <TextInput label={t('groups.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(problem, 'name')} />
          <TextInput label={t('groups.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)}
            error={fieldError(problem, 'description')} />
        </Group>
        <NativeSelect label={t('groups.kind')} value={kind} onChange={(e) => setKind(e.currentTarget.value)} error={fieldError(problem, 'kind')}
          data={groupKinds.map((k) => ({ value: k, label: word('groups.kind', k) }))} />
        {kind === 'automatic' && (
          <Group align="flex-start">
            <NativeSelect label={t('groups.rule')} value={ruleType} onChange={(e) => setRuleType(e.currentTarget.value)} error={ruleError}
              data={ruleTypes.map((r) => ({ value: r, label: t(`groups.rule.${r}`) }))} />
            {ruleType === 'rank' && (
              <NativeSelect label={t('groups.rule.rankValue')} value={rank} onChange={(e) => setRank(e.currentTarget.value)}
                error={fieldError(problem, 'rule.rank')} data={[...ranks].reverse().map((r) => ({ value: r, label: word('rank', r) }))} />
            )}
            {ruleType === 'unit' && (
              <NativeSelect label={t('groups.rule.unitValue')} value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)}
                error={fieldError(problem, 'rule.unitId')} data={units.map(unitChoice)} />
            )}
          </Group>
        )}
        <Group><Button type="submit">{t('groups.createSubmit')}</Button></Group>
      </Stack>
    </form>
  );
}
