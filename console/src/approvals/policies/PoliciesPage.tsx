import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { approvals } from '../../api/client';
import { asProblem, describe } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { ConfirmButton } from '../../layout/ConfirmButton';
import { ListTable } from '../../layout/ListTable';
import { Section } from '../../layout/Section';
import { useOrganization } from '../../organizations/organizationContext';
import { PolicyForm } from './PolicyForm';
import { draftOf, emptyDraft, expiryDays, type Policy } from './policyDraft';

/** The organization's approval policies (owner and admins): one per type of request; list, create, edit, delete. */
export default function PoliciesPage() {
  const { organization } = useOrganization();
  const { t } = useI18n();
  const [policies, setPolicies] = useState<Policy[] | null>(null);
  const [editing, setEditing] = useState<Policy | 'new' | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const organizationId = organization.id;

  const load = useCallback(async () => {
    const { data, error } = await approvals.GET('/organizations/{organizationId}/policies', { params: { path: { organizationId } } });
    if (data) setPolicies(data);
    else setMessage({ ok: false, text: describe(asProblem(error)) });
  }, [organizationId]);
  useEffect(() => { void load(); }, [load]);

  async function remove(type: string) {
    const { response, error } = await approvals.DELETE('/organizations/{organizationId}/policies/{type}', { params: { path: { organizationId, type } } });
    setMessage(response.ok ? { ok: true, text: t('policies.deleted', { type }) } : { ok: false, text: describe(asProblem(error)) });
    await load();
  }

  async function saved(policy: Policy) {
    setEditing(null);
    setMessage({ ok: true, text: t('policies.saved', { type: policy.type }) });
    await load();
  }

  const stepsText = (policy: Policy) => policy.steps
    .map((step) => `${step.name} (${t(`policies.source.${step.source}` as MessageKey)}${step.role ? `: ${step.role}` : ''}, ${step.requiredApprovals})`)
    .join(' → ');
  return (
    <Stack>
      {message && <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>{message.text}</Alert>}
      <Section title={t('policies.title')}>
        <Text mb="sm">{t('policies.intro')}</Text>
        {policies && policies.length === 0 && <Text>{t('policies.none')}</Text>}
        {policies && policies.length > 0 && (
          <ListTable label={t('policies.title')} rows={policies} rowKey={(policy) => policy.type}
            columns={[t('policies.type'), t('policies.steps'), t('policies.expiryDays'), t('policies.escalation'), t('policies.actions')]}
            cells={(policy) => [
              policy.type,
              stepsText(policy),
              String(expiryDays(policy)),
              t(`policies.escalation.${policy.escalation}` as MessageKey),
              <Group key="actions" gap="xs" wrap="nowrap">
                <Button size="compact-sm" variant="default" onClick={() => setEditing(policy)}>{t('policies.editButton', { type: policy.type })}</Button>
                <ConfirmButton label={t('policies.delete', { type: policy.type })} confirmLabel={t('policies.deleteConfirm', { type: policy.type })}
                  onConfirm={() => remove(policy.type)} />
              </Group>,
            ]} />
        )}
        {editing === null && <Group mt="sm"><Button onClick={() => setEditing('new')}>{t('policies.new')}</Button></Group>}
      </Section>
      {editing !== null && (
        <Section title={editing === 'new' ? t('policies.new') : t('policies.edit', { type: editing.type })}>
          <PolicyForm key={editing === 'new' ? 'new' : editing.type} organizationId={organizationId} editing={editing !== 'new'}
            initial={editing === 'new' ? emptyDraft() : draftOf(editing)} onSaved={saved} onCancel={() => setEditing(null)} />
        </Section>
      )}
    </Stack>
  );
}
