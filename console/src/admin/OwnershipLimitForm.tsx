import { useState, type FormEvent } from 'react';
import { Button, Group, NumberInput } from '@mantine/core';
import { membership } from '../api/client';
import { fieldError, asProblem, type Problem } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import type { ActionOutcome } from './UserActions';

/**
 * How many organizations the user may found and own. Membership has no read of the limit (1 until an administrator sets
 * one), so the form sets a new one and reports what membership saved.
 */
export function OwnershipLimitForm({ userId, onDone }: { userId: string; onDone: (outcome: ActionOutcome) => void }) {
  const { t } = useI18n();
  const [limit, setLimit] = useState<string | number>(1);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { data, error } = await membership.PUT('/admin/ownership-limits/{userId}', {
      params: { path: { userId } }, body: { maxOrganizations: Number(limit) },
    });
    const refused = data ? null : asProblem(error);
    setProblem(refused);
    // A field error shows at the field; anything else above, like every other refusal on the page.
    onDone(data ? { notice: t('admin.limit.saved', { count: String(data.maxOrganizations) }) } : refused?.errors ? {} : { error });
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t('admin.limit.title')}>
      <Group align="flex-end">
        <NumberInput label={t('admin.limit.label')} description={t('admin.limit.hint')} min={0} max={10000} allowDecimal={false}
          value={limit} onChange={setLimit} error={fieldError(problem, 'maxOrganizations')} />
        <Button type="submit">{t('admin.limit.submit')}</Button>
      </Group>
    </form>
  );
}
