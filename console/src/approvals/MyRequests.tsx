import { useCallback } from 'react';
import { Link } from 'react-router';
import { Anchor } from '@mantine/core';
import { approvals } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { ListTable } from '../layout/ListTable';
import { CursorList } from './CursorList';
import { formatAmount, formatTime } from './format';
import { StateBadge } from './StateBadge';

/** The requests I made, newest first, and where each stands. */
export function MyRequests() {
  const { t, language } = useI18n();
  const load = useCallback(async (cursor: string | undefined) =>
    (await approvals.GET('/my-requests', { params: { query: { limit: 25, cursor } } })).data, []);

  return (
    <CursorList load={load} empty={t('approvals.mine.none')}>
      {(items) => (
        <ListTable label={t('approvals.mine.title')} rows={items} rowKey={(item) => item.id}
          columns={[t('approvals.column.request'), t('approvals.column.state'), t('approvals.column.step'), t('approvals.column.created')]}
          cells={(item) => [
            <><Anchor component={Link} to={`/approvals/requests/${item.id}`}>{item.title}</Anchor> {formatAmount(item.amount, item.currency, language)}</>,
            <StateBadge state={item.state} />,
            t('approvals.step', { step: String(item.step), count: String(item.stepCount), name: item.stepName }),
            formatTime(item.createdAt, language),
          ]} />
      )}
    </CursorList>
  );
}
