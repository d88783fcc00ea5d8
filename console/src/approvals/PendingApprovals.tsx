import { useCallback } from 'react';
import { Link } from 'react-router';
import { Anchor } from '@mantine/core';
import { approvals } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { ListTable } from '../layout/ListTable';
import { CursorList } from './CursorList';
import { formatAmount, formatTime } from './format';
import { Person } from './people';

/** What waits for my decision, across my organizations, oldest first. */
export function PendingApprovals() {
  const { t, language } = useI18n();
  const load = useCallback(async (cursor: string | undefined) =>
    (await approvals.GET('/pending-approvals', { params: { query: { limit: 25, cursor } } })).data, []);

  return (
    <CursorList load={load} empty={t('approvals.pending.none')}>
      {(items) => (
        <ListTable label={t('approvals.pending.title')} rows={items} rowKey={(item) => `${item.requestId}-${item.step}`}
          columns={[t('approvals.column.request'), t('approvals.column.requester'), t('approvals.column.step'), t('approvals.column.deadline')]}
          cells={(item) => [
            <><Anchor component={Link} to={`/approvals/requests/${item.requestId}`}>{item.title}</Anchor> {formatAmount(item.amount, item.currency, language)}</>,
            <Person id={item.requesterId} />,
            t('approvals.stepShort', { step: String(item.step), name: item.stepName }),
            formatTime(item.stepDeadline, language),
          ]} />
      )}
    </CursorList>
  );
}
