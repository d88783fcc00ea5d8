import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Pagination, TextInput } from '@mantine/core';
import { asProblem, type Problem } from '../api/problem';

type PageAnswer<T> = { data?: { items: readonly T[]; total: number | string }; error?: unknown };

/**
 * A paged administration list whose filters live in the URL (so a filtered view can be shared and reloaded): the
 * filter fields as drafts, the submit that applies them, the page of results and the pager.
 */
export function useFilteredList<F extends string, T>(
  filters: readonly F[], pageSize: number, fetchPage: (value: (filter: F) => string | undefined, page: number) => Promise<PageAnswer<T>>,
) {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1');
  const [draft, setDraft] = useState<Record<F, string>>(
    () => Object.fromEntries(filters.map((f) => [f, params.get(f) ?? ''])) as Record<F, string>);
  const [result, setResult] = useState<{ items: T[]; total: number } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const query = params.toString();

  useEffect(() => {
    const current = new URLSearchParams(query);
    void fetchPage((f) => current.get(f) || undefined, page).then(({ data, error }) => {
      setProblem(data ? null : asProblem(error));
      setResult(data ? { items: [...data.items], total: Number(data.total) } : null);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, page]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    filters.forEach((f) => { if (draft[f].trim()) next.set(f, draft[f].trim()); });
    setParams(next);
  }

  const field = (f: F, label: string, type = 'text') => (
    <TextInput label={label} type={type} value={draft[f]} onChange={(e) => { const v = e.currentTarget.value; setDraft((d) => ({ ...d, [f]: v })); }} />
  );

  const pager = (label: string) => result && result.total > pageSize && (
    <Pagination total={Math.ceil(result.total / pageSize)} value={page} aria-label={label}
      onChange={(next) => { const copy = new URLSearchParams(params); copy.set('page', String(next)); setParams(copy); }} />
  );

  return { result, problem, submit, field, pager };
}
