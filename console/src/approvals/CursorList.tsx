import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Button, Text } from '@mantine/core';
import { useI18n } from '../i18n/i18n';

type Page<T> = { items: readonly T[]; nextCursor: string | null };

/** A list the API pages with a cursor: the first page on mount, then "show more" appends the next. */
export function CursorList<T>({ load, empty, children }: {
  load: (cursor: string | undefined) => Promise<Page<T> | undefined>;
  empty: string;
  children: (items: readonly T[]) => ReactNode;
}) {
  const { t } = useI18n();
  const [items, setItems] = useState<T[] | undefined>(undefined);
  const [next, setNext] = useState<string | null>(null);

  const fetchPage = useCallback(async (cursor: string | undefined) => {
    const page = await load(cursor);
    if (!page) return;
    setItems((earlier) => (cursor && earlier ? [...earlier, ...page.items] : [...page.items]));
    setNext(page.nextCursor);
  }, [load]);
  useEffect(() => { void fetchPage(undefined); }, [fetchPage]);

  if (!items) return <Text>{t('common.loading')}</Text>;
  if (items.length === 0) return <Text>{empty}</Text>;
  return (
    <>
      {children(items)}
      {next && <Button variant="default" onClick={() => fetchPage(next)}>{t('approvals.more')}</Button>}
    </>
  );
}
