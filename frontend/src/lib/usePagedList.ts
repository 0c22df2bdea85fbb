import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { isAbort, toApiError, type ApiError } from '../api/client';

export interface PagedList<T> {
  items: T[];
  loading: boolean;
  loadingMore: boolean;
  error: ApiError | undefined;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

type Loader<T> = (cursor: string | undefined, signal: AbortSignal) => Promise<{ items: T[]; next_cursor?: string }>;

/** A cursor-paginated list ({items, next_cursor}): first page on deps change, "Load more" after. */
export function usePagedList<T>(load: Loader<T>, deps: DependencyList): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const moreCtl = useRef<AbortController | null>(null);

  useEffect(() => {
    const ctl = new AbortController();
    moreCtl.current?.abort();
    setLoading(true);
    setLoadingMore(false);
    setError(undefined);
    loadRef.current(undefined, ctl.signal).then(
      (page) => {
        if (ctl.signal.aborted) return;
        setItems(page.items ?? []);
        setCursor(page.next_cursor || undefined);
        setLoading(false);
      },
      (err: unknown) => {
        if (ctl.signal.aborted || isAbort(err)) return;
        setItems([]);
        setCursor(undefined);
        setError(toApiError(err));
        setLoading(false);
      },
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return;
    const ctl = new AbortController();
    moreCtl.current = ctl;
    setLoadingMore(true);
    setError(undefined);
    loadRef.current(cursor, ctl.signal).then(
      (page) => {
        if (ctl.signal.aborted) return;
        setItems((prev) => [...prev, ...(page.items ?? [])]);
        setCursor(page.next_cursor || undefined);
        setLoadingMore(false);
      },
      (err: unknown) => {
        if (ctl.signal.aborted || isAbort(err)) return;
        setError(toApiError(err));
        setLoadingMore(false);
      },
    );
  }, [cursor, loadingMore]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { items, loading, loadingMore, error, hasMore: Boolean(cursor), loadMore, reload };
}
