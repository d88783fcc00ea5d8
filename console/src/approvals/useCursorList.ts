import { useCallback, useEffect, useState } from 'react';

/** A list the API pages with a cursor: the first page on mount, then "show more" appends the next. */
export function useCursorList<T>(load: (cursor: string | undefined) => Promise<{ items: readonly T[]; nextCursor: string | null } | undefined>) {
  const [items, setItems] = useState<T[] | undefined>(undefined);
  const [next, setNext] = useState<string | null>(null);

  const fetchPage = useCallback(async (cursor: string | undefined) => {
    const page = await load(cursor);
    if (!page) return;
    setItems((earlier) => (cursor && earlier ? [...earlier, ...page.items] : [...page.items]));
    setNext(page.nextCursor);
  }, [load]);

  useEffect(() => { void fetchPage(undefined); }, [fetchPage]);
  return { items, more: next ? () => fetchPage(next) : undefined };
}
