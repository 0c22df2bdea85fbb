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
  /** Reads the first page again in place (for polling): no loading state, rows further down stay. */
  refresh: () => void;
  refreshing: boolean;
  /** Does again what failed (the first page, the next page or a refresh): the error's "Try again". */
  retry: () => void;
}

type Load = 'first' | 'more' | 'refresh';

type Loader<T> = (cursor: string | undefined, signal: AbortSignal) => Promise<{ items: T[]; next_cursor?: string }>;

const idOf = (row: unknown) => (row as { id?: unknown }).id;

/** A cursor-paginated list ({items, next_cursor}): first page on deps change, "Load more" after. */
export function usePagedList<T>(load: Loader<T>, deps: DependencyList): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const [failed, setFailed] = useState<Load | undefined>(undefined);
  const loadRef = useRef(load);
  loadRef.current = load;
  const moreCtl = useRef<AbortController | null>(null);
  const refreshCtl = useRef<AbortController | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  // Pages read since the first (a refresh then keeps them), and whether one is being read.
  const extraPages = useRef(0);
  const moreInFlight = useRef(false);

  useEffect(() => {
    const ctl = new AbortController();
    moreCtl.current?.abort();
    refreshCtl.current?.abort();
    extraPages.current = 0;
    moreInFlight.current = false;
    setRefreshing(false);
    setLoading(true);
    setLoadingMore(false);
    setError(undefined);
    setFailed(undefined);
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
        setFailed('first');
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
    moreInFlight.current = true;
    setLoadingMore(true);
    setError(undefined);
    setFailed(undefined);
    loadRef.current(cursor, ctl.signal).then(
      (page) => {
        if (ctl.signal.aborted) return;
        extraPages.current += 1;
        moreInFlight.current = false;
        const more = page.items ?? [];
        const ids = new Set(more.map(idOf));
        // A refresh meanwhile may have brought some of these rows in already.
        setItems((prev) => [...prev.filter((r) => !ids.has(idOf(r))), ...more]);
        setCursor(page.next_cursor || undefined);
        setLoadingMore(false);
      },
      (err: unknown) => {
        if (ctl.signal.aborted || isAbort(err)) return;
        moreInFlight.current = false;
        setError(toApiError(err));
        setFailed('more');
        setLoadingMore(false);
      },
    );
  }, [cursor, loadingMore]);

  const refresh = useCallback(() => {
    const ctl = new AbortController();
    refreshCtl.current?.abort();
    refreshCtl.current = ctl;
    setRefreshing(true);
    loadRef.current(undefined, ctl.signal).then(
      (page) => {
        if (ctl.signal.aborted) return;
        const first = page.items ?? [];
        if (extraPages.current === 0 && !moreInFlight.current) {
          setItems(first);
          setCursor(page.next_cursor || undefined);
        } else {
          // Later pages stay; a row that moved up into the first page is not shown twice.
          const ids = new Set(first.map(idOf));
          setItems((prev) => [...first, ...prev.filter((r) => !ids.has(idOf(r)))]);
        }
        setError(undefined);
        setFailed(undefined);
        setRefreshing(false);
      },
      (err: unknown) => {
        if (ctl.signal.aborted || isAbort(err)) return;
        setError(toApiError(err));
        setFailed('refresh');
        setRefreshing(false);
      },
    );
  }, []);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const retry = failed === 'more' ? loadMore : failed === 'refresh' ? refresh : reload;
  return { items, loading, loadingMore, error, hasMore: Boolean(cursor), loadMore, reload, refresh, refreshing, retry };
}
