import { useCallback, useEffect, useState } from 'react';
import { Button, Group, Pagination, Stack, Text } from '@mantine/core';
import { notifications } from '../../api/client';
import { ListTable } from '../../layout/ListTable';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import type { WebhookDeliveryPage, WebhookEndpoint } from './webhookTypes';

const pageSize = 20;

/** One endpoint's deliveries, newest first: the event, where it stands, its attempts and the receiver's last answer. */
export function WebhookDeliveries({ endpoint, version }: { endpoint: WebhookEndpoint; version: number }) {
  const { organization } = useOrganization();
  const { t, word, language } = useOrganizationText();
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<WebhookDeliveryPage | null>(null);

  const load = useCallback(async () => {
    const { data } = await notifications.GET('/organizations/{organizationId}/webhooks/{id}/deliveries', {
      params: { path: { organizationId: organization.id, id: endpoint.id }, query: { page, pageSize } },
    });
    setResult(data ?? null);
  }, [organization.id, endpoint.id, page]);
  useEffect(() => { void load(); }, [load, version]);

  if (!result) return null;
  const total = Number(result.total);
  return (
    <Stack>
      <Group><Button variant="default" size="compact-sm" onClick={() => load()}>{t('deliveries.refresh')}</Button></Group>
      {total === 0 ? <Text>{t('deliveries.none')}</Text> : (
        <ListTable label={t('deliveries.title', { url: endpoint.url })} rows={result.items} rowKey={(d) => d.id}
          columns={[t('deliveries.event'), t('deliveries.state'), t('deliveries.attempts'), t('deliveries.last'), t('deliveries.created')]}
          cells={(d) => [d.eventType, word('deliveries.state', d.state), String(d.attempts), [d.lastStatusCode, d.lastError].filter((x) => x !== null && x !== '').join(' · '),
            new Date(d.createdAt).toLocaleString(language)]} />
      )}
      {total > pageSize && (
        <Pagination total={Math.ceil(total / pageSize)} value={page} onChange={setPage} aria-label={t('deliveries.pages')}
          getControlProps={(control) => ({ 'aria-label': control })} />
      )}
    </Stack>
  );
}
