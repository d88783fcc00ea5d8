import { Autocomplete, Button, Fieldset, Group, NativeSelect, NumberInput, TextInput } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { ranks } from '../../organizations/ranks';
import { NamedPeoplePicker } from './NamedPeoplePicker';
import { sources, type StepDraft } from './policyDraft';

/** One step of a policy: who is asked (a rank or custom role, the unit's managers, named members, an external nominee) and how many must approve. */
export function PolicyStepFields({ organizationId, index, step, onChange, onRemove }: {
  organizationId: string; index: number; step: StepDraft; onChange: (step: StepDraft) => void; onRemove?: () => void;
}) {
  const { t } = useI18n();
  const number = String(index + 1);
  const set = (change: Partial<StepDraft>) => onChange({ ...step, ...change });

  return (
    <Fieldset legend={t('policies.step.legend', { number })}>
      <Group align="flex-end" grow>
        <TextInput label={t('policies.step.name', { number })} required value={step.name} onChange={(e) => set({ name: e.currentTarget.value })} />
        <NativeSelect label={t('policies.step.source', { number })} value={step.source} onChange={(e) => set({ source: e.currentTarget.value })}
          data={sources.map((source) => ({ value: source, label: t(`policies.source.${source}` as MessageKey) }))} />
        <NumberInput label={t('policies.step.required', { number })} min={1} max={50} value={step.requiredApprovals}
          onChange={(value) => set({ requiredApprovals: Number(value) || 1 })} />
      </Group>
      {step.source === 'role' && (
        <Autocomplete mt="sm" label={t('policies.step.role', { number })} description={t('policies.step.roleHint')} value={step.role}
          onChange={(role) => set({ role })} data={ranks.filter((rank) => rank !== 'viewer')} />
      )}
      {step.source === 'named-people' && (
        <NamedPeoplePicker organizationId={organizationId} label={t('policies.step.people', { number })} value={step.people}
          onChange={(people) => set({ people })} />
      )}
      {onRemove && <Group mt="sm"><Button variant="subtle" color="red" onClick={onRemove}>{t('policies.step.remove', { number })}</Button></Group>}
    </Fieldset>
  );
}
