import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Anchor, Button, Group, Pagination, Text, TextInput } from '@mantine/core';
import { identity } from '../api/client';
import { asProblem, describe, type Problem } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { ListTable } from '../layout/ListTable';
import { AdminFrame } from './AdminFrame';
import type { AuditRecord } from './types';
import { UserName } from './UserName';

const pageSize = 50;
const filters = ['userId', 'action', 'from', 'to'] as const;
type Filter = (typeof filters)[number];

/** The audit trail, newest first, filtered by user (who did it or to whom), exact action and time; the filters live in the URL. */
export default function AuditPage() {
  const { t, language } = useI18n();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1');
  const [draft, setDraft] = useState<Record<Filter, string>>(
    () => Object.fromEntries(filters.map((f) => [f, params.get(f) ?? ''])) as Record<Filter, string>);
  const [result, setResult] = useState<{ items: AuditRecord[]; total: number } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const query = params.toString();

  useEffect(() => {
    const current = new URLSearchParams(query);
    const value = (f: Filter) => current.get(f) || undefined;
    void identity.GET('/admin/audit', {
      params: { query: { userId: value('userId'), action: value('action'), from: value('from'), to: value('to'), page: String(page), pageSize: String(pageSize) } },
    }).then(({ data, error }) => {
      setProblem(data ? null : asProblem(error));
      setResult(data ? { items: [...data.items], total: Number(data.total) } : null);
    });
  }, [query, page]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    filters.forEach((f) => { if (draft[f].trim()) next.set(f, draft[f].trim()); });
    setParams(next);
  }

  const field = (f: Filter, label: string, type = 'text') => (
    <TextInput label={label} type={type} value={draft[f]} onChange={(e) => { const v = e.currentTarget.value; setDraft((d) => ({ ...d, [f]: v })); }} />
  );
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
          {result.total > pageSize && (
            <Pagination total={Math.ceil(result.total / pageSize)} value={page} aria-label={t('admin.audit.pages')}
              onChange={(next) => { const copy = new URLSearchParams(params); copy.set('page', String(next)); setParams(copy); }} />
          )}
        </>
      )}
    </AdminFrame>
  );
}
