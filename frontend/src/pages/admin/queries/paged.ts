import { infiniteQueryOptions, useInfiniteQuery, type InfiniteData, type QueryKey } from '@tanstack/react-query';
import { useMemo } from 'react';
import { toApiError, type ApiError } from '../../../api/client';
import type { Page } from '../../../api/admin';

// Keyset-paged lists ({items, next_cursor}) as infinite queries: the first page on mount and
// on every change of the key, "Load more" after it, and a refetch (a poll, an invalidation)
// reads every page shown again from the first.

export type PageLoader<T> = (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>;

/** The query for one paged list: its key, and how to read the page after a cursor. */
export function pagedQuery<T>(queryKey: QueryKey, load: PageLoader<T>) {
  return infiniteQueryOptions({
    queryKey,
    queryFn: ({ pageParam, signal }) => load(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<T>) => last.next_cursor || undefined,
  });
}

/** What a page needs of a paged list. */
export interface PagedList<T> {
  items: T[];
  /** The first page has not arrived yet. */
  loading: boolean;
  loadingMore: boolean;
  /** Read again in the background (a refresh or a poll), rows kept meanwhile. */
  refreshing: boolean;
  error: ApiError | undefined;
  hasMore: boolean;
  loadMore: () => void;
  /** Reads every page shown again. */
  reload: () => void;
  /** Does again what failed: the next page after a failed "Load more", otherwise the list. */
  retry: () => void;
}

const idOf = (row: unknown) => (row as { id?: unknown }).id;

/** Rows of every page read, each once (a row that moved between reads is not shown twice). */
function rowsOf<T>(pages: Page<T>[] | undefined): T[] {
  const seen = new Set<unknown>();
  const rows: T[] = [];
  for (const row of (pages ?? []).flatMap((p) => p.items ?? [])) {
    const id = idOf(row);
    if (id !== undefined && seen.has(id)) continue;
    seen.add(id);
    rows.push(row);
  }
  return rows;
}

/**
 * A paged list. refetchInterval polls it (every page shown, from the first) while the
 * function says so, e.g. while a job in it runs.
 */
export function usePagedQuery<T>(options: ReturnType<typeof pagedQuery<T>>, refetchInterval?: (rows: T[]) => number | false): PagedList<T> {
  const interval = refetchInterval && ((query: { state: { data?: InfiniteData<Page<T>> } }) => refetchInterval(rowsOf(query.state.data?.pages)));
  const q = useInfiniteQuery({ ...options, refetchInterval: interval });
  const items = useMemo(() => rowsOf(q.data?.pages), [q.data]);
  const { fetchNextPage, refetch, isFetchNextPageError } = q;
  return {
    items,
    loading: q.isPending,
    loadingMore: q.isFetchingNextPage,
    refreshing: q.isFetching && !q.isPending && !q.isFetchingNextPage,
    error: q.error ? toApiError(q.error) : undefined,
    hasMore: q.hasNextPage,
    loadMore: () => void fetchNextPage(),
    reload: () => void refetch(),
    retry: () => void (isFetchNextPageError ? fetchNextPage() : refetch()),
  };
}
