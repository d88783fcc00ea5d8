import { useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Group, List, NativeSelect, NumberInput, Stack, Textarea, TextInput } from '@mantine/core';
import { approvals } from '../../api/client';
import { asProblem, describe, type Problem } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { PolicyStepFields } from './PolicyStepFields';
import { emptyStep, escalations, inputOf, type Policy, type PolicyDraft } from './policyDraft';

/** Creates a policy, or replaces one (its type stays): the steps in order, expiry and escalation, automatic approval, external approvers. */
export function PolicyForm({ organizationId, initial, editing, onSaved, onCancel }: {
  organizationId: string; initial: PolicyDraft; editing: boolean; onSaved: (policy: Policy) => void; onCancel?: () => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState<Problem | null>(null);
  const set = (change: Partial<PolicyDraft>) => setDraft((earlier) => ({ ...earlier, ...change }));
  const setStep = (index: number, step: PolicyDraft['steps'][number]) => set({ steps: draft.steps.map((s, i) => (i === index ? step : s)) });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const { data, error } = await approvals.PUT('/organizations/{organizationId}/policies/{type}', {
      params: { path: { organizationId, type: draft.type.trim() } }, body: inputOf(draft),
    });
    if (data) onSaved(data);
    else setProblem(asProblem(error));
  }

  const fieldErrors = Object.entries(problem?.errors ?? {});
  return (
    <form onSubmit={submit} noValidate aria-label={editing ? t('policies.edit', { type: draft.type }) : t('policies.new')}>
      <Stack>
        {problem && (
          <Alert color="red" role="alert" title={fieldErrors.length > 0 ? t('policies.invalid') : undefined}>
            {fieldErrors.length > 0
              ? <List size="sm">{fieldErrors.map(([field, messages]) => <List.Item key={field}>{field}: {messages.join(' ')}</List.Item>)}</List>
              : describe(problem)}
          </Alert>
        )}
        <TextInput label={t('policies.type')} description={t('policies.typeHint')} required disabled={editing} value={draft.type}
          onChange={(e) => set({ type: e.currentTarget.value })} />
        {draft.steps.map((step, index) => (
          <PolicyStepFields key={index} organizationId={organizationId} index={index} step={step} onChange={(s) => setStep(index, s)}
            onRemove={draft.steps.length > 1 ? () => set({ steps: draft.steps.filter((_, i) => i !== index) }) : undefined} />
        ))}
        <Group><Button variant="default" onClick={() => set({ steps: [...draft.steps, emptyStep()] })} disabled={draft.steps.length >= 10}>
          {t('policies.step.add')}
        </Button></Group>
        <Group align="flex-end" grow>
          <NumberInput label={t('policies.expiryDays')} description={t('policies.expiryHint')} min={0.01} step={1} decimalScale={2}
            value={draft.expiryDays} onChange={(value) => set({ expiryDays: Number(value) || 0 })} />
          <NativeSelect label={t('policies.escalation')} value={draft.escalation} onChange={(e) => set({ escalation: e.currentTarget.value })}
            data={escalations.map((e) => ({ value: e, label: t(`policies.escalation.${e}` as MessageKey) }))} />
        </Group>
        <Group align="flex-end" grow>
          <TextInput label={t('policies.autoApproveBelow')} description={t('policies.autoApproveHint')} inputMode="decimal"
            value={draft.autoApproveBelow} onChange={(e) => set({ autoApproveBelow: e.currentTarget.value })} />
          <TextInput label={t('policies.currency')} maxLength={3} value={draft.currency} onChange={(e) => set({ currency: e.currentTarget.value })} />
        </Group>
        <Checkbox label={t('policies.mayNominate')} checked={draft.requesterMayNominate}
          onChange={(e) => set({ requesterMayNominate: e.currentTarget.checked })} />
        <Textarea label={t('policies.domains')} description={t('policies.domainsHint')} autosize minRows={2} value={draft.externalDomains}
          onChange={(e) => set({ externalDomains: e.currentTarget.value })} />
        <Group>
          <Button type="submit">{t('policies.save')}</Button>
          {onCancel && <Button variant="subtle" onClick={onCancel}>{t('confirm.cancel')}</Button>}
        </Group>
      </Stack>
    </form>
  );
}
