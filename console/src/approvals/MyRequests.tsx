import { useCallback } from 'react';
import { Link } from 'react-router';
import { Anchor, Button, Table, Text } from '@mantine/core';
import { approvals } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { formatAmount, formatTime } from './format';
import { StateBadge } from './StateBadge';
import { useCursorList } from './useCursorList';

/** The requests I made, newest first, and where each stands. */
export function MyRequests() {
  const { t, language } = useI18n();
  const load = useCallback(async (cursor: string | undefined) =>
    (await approvals.GET('/my-requests', { params: { query: { limit: 25, cursor } } })).data, []);
  const { items, more } = useCursorList(load);
  if (!items) return <Text>{t('common.loading')}</Text>;
  if (items.length === 0) return <Text>{t('approvals.mine.none')}</Text>;

  return (
    <>
      <Table aria-label={t('approvals.mine.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('approvals.column.request')}</Table.Th>
            <Table.Th>{t('approvals.column.state')}</Table.Th>
            <Table.Th>{t('approvals.column.step')}</Table.Th>
            <Table.Th>{t('approvals.column.created')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Anchor component={Link} to={`/approvals/requests/${item.id}`}>{item.title}</Anchor>
                {' '}{formatAmount(item.amount, item.currency, language)}
              </Table.Td>
              <Table.Td><StateBadge state={item.state} /></Table.Td>
              <Table.Td>{t('approvals.step', { step: String(item.step), count: String(item.stepCount), name: item.stepName })}</Table.Td>
              <Table.Td>{formatTime(item.createdAt, language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {more && <Button variant="default" onClick={more}>{t('approvals.more')}</Button>}
    </>
  );
}
