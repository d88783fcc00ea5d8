import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '../../api/client';
import { asProblem, describe } from '../../api/problem';
import { ConfirmButton } from '../../layout/ConfirmButton';
import { ListTable } from '../../layout/ListTable';
import { Section } from '../../layout/Section';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import { RegisterWebhookForm } from './RegisterWebhookForm';
import { WebhookDeliveries } from './WebhookDeliveries';
import type { WebhookEndpoint } from './webhookTypes';

/**
 * The organization's webhook endpoints (owner and admins only: notifications refuses anyone else): register one,
 * send it a test, enable it again after it was disabled for failing, delete it, and follow its deliveries.
 */
export default function WebhooksPage() {
  const { organization } = useOrganization();
  const { t, word } = useOrganizationText();
  const [endpoints, setEndpoints] = useState<WebhookEndpoint[] | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const [deliveriesVersion, setDeliveriesVersion] = useState(0);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const organizationId = organization.id;

  const load = useCallback(async () => {
    const { data, error } = await notifications.GET('/organizations/{organizationId}/webhooks', { params: { path: { organizationId } } });
    setEndpoints(data ?? null);
    if (!data) setMessage({ ok: false, text: describe(asProblem(error)) });
  }, [organizationId]);
  useEffect(() => { void load(); }, [load]);

  async function act(endpoint: WebhookEndpoint, action: 'test' | 'enable' | 'delete') {
    const path = { organizationId, id: endpoint.id };
    const { response, error } = action === 'delete'
      ? await notifications.DELETE('/organizations/{organizationId}/webhooks/{id}', { params: { path } })
      : action === 'test'
        ? await notifications.POST('/organizations/{organizationId}/webhooks/{id}/test', { params: { path } })
        : await notifications.POST('/organizations/{organizationId}/webhooks/{id}/enable', { params: { path } });
    const done = { test: 'webhooks.tested', enable: 'webhooks.enabled', delete: null } as const;
    const key = done[action];
    setMessage(!response.ok ? { ok: false, text: describe(asProblem(error)) } : key ? { ok: true, text: t(key, { url: endpoint.url }) } : null);
    if (action === 'test') setShown(endpoint.id);
    if (action === 'delete' && shown === endpoint.id) setShown(null);
    setDeliveriesVersion((n) => n + 1);
    await load();
  }

  const selected = endpoints?.find((e) => e.id === shown);
  const active = organization.state === 'active';
  return (
    <Stack>
      <Section title={t('webhooks.title')}>
        <Stack>
          <Text>{t('webhooks.hint')}</Text>
          {message && <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>{message.text}</Alert>}
          {endpoints?.length === 0 && <Text>{t('webhooks.none')}</Text>}
          {endpoints && endpoints.length > 0 && (
            <ListTable label={t('webhooks.title')} rows={endpoints} rowKey={(e) => e.id}
              columns={[t('webhooks.url'), t('webhooks.events'), t('webhooks.state'), t('webhooks.failures'), t('webhooks.actions')]}
              cells={(e) => [
                e.url,
                e.eventTypes.join(', '),
                [word('webhooks.state', e.state), e.disabledReason].filter(Boolean).join(': '),
                String(e.consecutiveFailures),
                <Group key="actions" gap="xs">
                  <Button size="compact-sm" variant="default" aria-pressed={shown === e.id} onClick={() => setShown(shown === e.id ? null : e.id)}>
                    {t('webhooks.showDeliveries', { url: e.url })}
                  </Button>
                  {active && e.state === 'active' && (
                    <Button size="compact-sm" variant="default" onClick={() => act(e, 'test')}>{t('webhooks.test', { url: e.url })}</Button>
                  )}
                  {active && e.state !== 'active' && (
                    <Button size="compact-sm" variant="default" onClick={() => act(e, 'enable')}>{t('webhooks.enable', { url: e.url })}</Button>
                  )}
                  <ConfirmButton label={t('webhooks.delete', { url: e.url })} confirmLabel={t('webhooks.deleteConfirm', { url: e.url })} onConfirm={() => act(e, 'delete')} />
                </Group>,
              ]} />
          )}
        </Stack>
      </Section>
      {selected && (
        <Section title={t('deliveries.title', { url: selected.url })}>
          <WebhookDeliveries endpoint={selected} version={deliveriesVersion} />
        </Section>
      )}
      {endpoints && active && (
        <Section title={t('webhooks.register')}>
          <RegisterWebhookForm onRegistered={() => load()} />
        </Section>
      )}
    </Stack>
  );
}
