import { useCallback } from 'react';
import { Link } from 'react-router';
import { Anchor, Button, Table, Text } from '@mantine/core';
import { approvals } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { formatAmount, formatTime } from './format';
import { Person } from './people';
import { useCursorList } from './useCursorList';

/** What waits for my decision, across my organizations, oldest first. */
export function PendingApprovals() {
  const { t, language } = useI18n();
  const load = useCallback(async (cursor: string | undefined) =>
    (await approvals.GET('/pending-approvals', { params: { query: { limit: 25, cursor } } })).data, []);
  const { items, more } = useCursorList(load);
  if (!items) return <Text>{t('common.loading')}</Text>;
  if (items.length === 0) return <Text>{t('approvals.pending.none')}</Text>;

  return (
    <>
      <Table aria-label={t('approvals.pending.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('approvals.column.request')}</Table.Th>
            <Table.Th>{t('approvals.column.requester')}</Table.Th>
            <Table.Th>{t('approvals.column.step')}</Table.Th>
            <Table.Th>{t('approvals.column.deadline')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={`${item.requestId}-${item.step}`}>
              <Table.Td>
                <Anchor component={Link} to={`/approvals/requests/${item.requestId}`}>{item.title}</Anchor>
                {' '}{formatAmount(item.amount, item.currency, language)}
              </Table.Td>
              <Table.Td><Person id={item.requesterId} /></Table.Td>
              <Table.Td>{t('approvals.stepShort', { step: String(item.step), name: item.stepName })}</Table.Td>
              <Table.Td>{formatTime(item.stepDeadline, language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {more && <Button variant="default" onClick={more}>{t('approvals.more')}</Button>}
    </>
  );
}
