import { useEffect } from 'react';
import type { PagedList } from './usePagedList';

/** What can be polled: a resource, or a paged list through pagedPollable. */
interface Pollable {
  loading: boolean;
  data: unknown;
  error: unknown;
  reload: () => void;
}

/**
 * Reloads a resource every ms milliseconds while active (a background job in progress). The
 * next read is scheduled only after the previous one answered, so a slow server is never asked
 * twice at once; it keeps trying after a failed read (the page shows the error meanwhile).
 */
export function usePolling(resource: Pollable, active: boolean, ms: number): void {
  const { loading, data, error, reload } = resource;
  useEffect(() => {
    if (!active || loading) return;
    const t = window.setTimeout(reload, ms);
    return () => window.clearTimeout(t);
  }, [active, loading, data, error, reload, ms]);
}

/** Polls a paged list by refreshing its first page in place, keeping the pages read after it. */
export function usePagedPolling<T>(list: PagedList<T>, active: boolean, ms: number): void {
  usePolling({ loading: list.loading || list.refreshing, data: list.items, error: list.error, reload: list.refresh }, active, ms);
}
