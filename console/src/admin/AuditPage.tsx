import { Link } from 'react-router';
import { Alert, Anchor, Button, Group, Text } from '@mantine/core';
import { identity } from '../api/client';
import { describe } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { ListTable } from '../layout/ListTable';
import { AdminFrame } from './AdminFrame';
import type { AuditRecord } from './types';
import { useFilteredList } from './useFilteredList';
import { UserName } from './UserName';

const pageSize = 50;
const filters = ['userId', 'action', 'from', 'to'] as const;

/** The audit trail, newest first, filtered by user (who did it or to whom), exact action and time; the filters live in the URL. */
export default function AuditPage() {
  const { t, language } = useI18n();
  const { result, problem, submit, field, pager } = useFilteredList<(typeof filters)[number], AuditRecord>(filters, pageSize, (value, page) =>
    identity.GET('/admin/audit', {
      params: { query: { userId: value('userId'), action: value('action'), from: value('from'), to: value('to'), page: String(page), pageSize: String(pageSize) } },
    }));

  return (
    <AdminFrame title={t('admin.audit.title')}>
      <form onSubmit={submit} role="search">
        <Group align="end">
          {field('userId', t('admin.audit.user'))}
          {field('action', t('admin.audit.action'))}
          {field('from', t('admin.audit.from'), 'date')}
          {field('to', t('admin.audit.to'), 'date')}
          <Button type="submit">{t('admin.audit.submit')}</Button>
        </Group>
      </form>
      {problem && <Alert color="red" role="alert">{problem.status === 403 ? t('admin.forbidden') : describe(problem)}</Alert>}
      {result && result.items.length === 0 && <Text>{t('admin.audit.none')}</Text>}
      {result && result.items.length > 0 && (
        <>
          <ListTable label={t('admin.audit.title')} rows={result.items} rowKey={(entry) => entry.id}
            columns={[t('admin.audit.when'), t('admin.audit.action'), t('admin.audit.actor'), t('admin.audit.target'), t('admin.audit.address'), t('admin.audit.detail')]}
            cells={(entry) => [
              new Date(entry.occurredAt).toLocaleString(language),
              entry.action,
              entry.actorId && <Anchor component={Link} to={`/admin/users/${entry.actorId}`}><UserName id={entry.actorId} /></Anchor>,
              entry.targetUserId && <Anchor component={Link} to={`/admin/users/${entry.targetUserId}`}><UserName id={entry.targetUserId} /></Anchor>,
              entry.clientAddress ?? '',
              entry.detail ?? '',
            ]} />
          {pager(t('admin.audit.pages'))}
        </>
      )}
    </AdminFrame>
  );
}
