import { Alert, Button, Group, Text } from '@mantine/core';
import { notifications } from '../api/client';
import type { components } from '../api/generated/notifications';
import { describe } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { ListTable } from '../layout/ListTable';
import { useFilteredList } from './useFilteredList';

type Delivery = components['schemas']['DeliverySummary'];
const pageSize = 25;
const filters = ['recipient', 'template', 'state'] as const;

/** The email delivery log, newest first, filtered by recipient, template and state (comma-separated); the filters live in the URL. */
export function DeliveryLog() {
  const { t, language } = useI18n();
  const { result, problem, submit, field, pager } = useFilteredList<(typeof filters)[number], Delivery>(filters, pageSize, (value, page) =>
    notifications.GET('/deliveries', {
      params: { query: { Recipient: value('recipient'), Template: value('template'), State: value('state'), Page: String(page), PageSize: String(pageSize) } },
    }));

  return (
    <>
      <form onSubmit={submit} role="search" aria-label={t('admin.deliveries.title')}>
        <Group align="end">
          {field('recipient', t('admin.deliveries.recipient'))}
          {field('template', t('admin.deliveries.template'))}
          {field('state', t('admin.deliveries.state'))}
          <Button type="submit">{t('admin.deliveries.submit')}</Button>
        </Group>
      </form>
      {problem && <Alert color="red" role="alert">{describe(problem)}</Alert>}
      {result && result.items.length === 0 && <Text>{t('admin.deliveries.none')}</Text>}
      {result && result.items.length > 0 && (
        <>
          <ListTable label={t('admin.deliveries.title')} rows={result.items} rowKey={(d) => d.id}
            columns={[t('admin.deliveries.created'), t('admin.deliveries.recipient'), t('admin.deliveries.template'), t('admin.deliveries.subject'),
              t('admin.deliveries.state'), t('admin.deliveries.attempts'), t('admin.deliveries.error')]}
            cells={(d) => [new Date(d.createdAt).toLocaleString(language), d.recipient, d.template, d.subject, d.state, String(d.attempts), d.lastError ?? '']} />
          {pager(t('admin.deliveries.pages'))}
        </>
      )}
    </>
  );
}
