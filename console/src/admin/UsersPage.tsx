import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Anchor, Badge, Button, Group, NativeSelect, Pagination, Text, TextInput } from '@mantine/core';
import { identity } from '../api/client';
import { asProblem, describe, type Problem } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import { ListTable } from '../layout/ListTable';
import { AdminFrame } from './AdminFrame';
import { userStateKey, userStates } from './stateLabel';
import type { AdminUser } from './types';

const pageSize = 20;

/** User search for platform administrators: prefix of the email or a name, a state, paged; the query lives in the URL. */
export default function UsersPage() {
  const { t, language } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const state = params.get('state') ?? '';
  const page = Number(params.get('page') ?? '1');
  const [search, setSearch] = useState(q);
  const [chosenState, setChosenState] = useState(state);
  const [result, setResult] = useState<{ items: AdminUser[]; total: number } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [forbidden, setForbidden] = useState(false);

  useEffect(() => {
    void identity.GET('/admin/users', {
      params: { query: { q: q || undefined, state: state || undefined, page: String(page), pageSize: String(pageSize) } },
    }).then(({ data, error, response }) => {
      setForbidden(response.status === 403);
      setProblem(data ? null : asProblem(error));
      setResult(data ? { items: [...data.items], total: Number(data.total) } : null);
    });
  }, [q, state, page]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (search.trim()) next.set('q', search.trim());
    if (chosenState) next.set('state', chosenState);
    setParams(next);
  }

  if (forbidden) return <Alert color="red" role="alert" maw={720} mx="auto">{t('admin.forbidden')}</Alert>;
  const stateName = (s: string) => { const key = userStateKey(s); return key ? t(key) : s; };
  return (
    <AdminFrame title={t('admin.users.title')}>
      <Group><Button component={Link} to="/admin/users/new" variant="default">{t('admin.create.title')}</Button></Group>
      <form onSubmit={submit} role="search">
        <Group align="end">
          <TextInput label={t('admin.users.search')} type="search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} miw={320} />
          <NativeSelect label={t('admin.users.state')} value={chosenState} onChange={(e) => setChosenState(e.currentTarget.value)}
            data={[{ value: '', label: t('admin.users.state.default') }, ...userStates.map((s) => ({ value: s, label: stateName(s) }))]} />
          <Button type="submit">{t('admin.users.submit')}</Button>
        </Group>
      </form>
      {problem && !forbidden && <Alert color="red" role="alert">{describe(problem)}</Alert>}
      {result && result.items.length === 0 && <Text>{t('admin.users.none')}</Text>}
      {result && result.items.length > 0 && (
        <>
          <Text size="sm">{t('admin.users.total', { total: String(result.total) })}</Text>
          <ListTable label={t('admin.users.title')} rows={result.items} rowKey={(user) => user.id}
            columns={[t('admin.column.name'), t('admin.column.email'), t('admin.column.state'), t('admin.column.lastLogin')]}
            cells={(user) => [
              <Anchor component={Link} to={`/admin/users/${user.id}`}>{user.firstName} {user.lastName}</Anchor>,
              user.email,
              <Badge variant="light" c="dark">{stateName(user.state)}</Badge>,
              user.lastLoginAt ? new Date(user.lastLoginAt).toLocaleString(language) : '—',
            ]} />
          {result.total > pageSize && (
            <Pagination total={Math.ceil(result.total / pageSize)} value={page} aria-label={t('admin.users.pages')}
              onChange={(next) => { const copy = new URLSearchParams(params); copy.set('page', String(next)); setParams(copy); }} />
          )}
        </>
      )}
    </AdminFrame>
  );
}
