import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { toApiError, type ApiError } from '../../api/client';
import { Loading } from '../../components/Alert';
import { LoadMore } from '../../components/LoadMore';
import { DeskErrorAlert } from './DeskAlerts';
import type { PagedList } from './queries/paged';

/** Where a list stands: first read in progress, or failed (with what "Try again" does). */
export interface ListState {
  loading: boolean;
  error: ApiError | undefined;
  retry: () => void;
}

/** A query's state for ListStatus. */
export function listState(q: Pick<UseQueryResult, 'isPending' | 'error' | 'refetch'>): ListState {
  return { loading: q.isPending, error: q.error ? toApiError(q.error) : undefined, retry: () => void q.refetch() };
}

interface Props {
  state: ListState;
  /** Rows shown. */
  count: number;
  /** "Loading offers…" */
  loading: string;
  /** Shown when the list is read and has no rows (usually an <EmptyState>). */
  empty: ReactNode;
}

/** What a list shows instead of its rows: loading, the failure with "Try again", or its empty state. */
export function ListStatus({ state, count, loading, empty }: Props) {
  if (state.loading) return <Loading label={loading} />;
  if (count > 0) return null;
  if (state.error) return <DeskErrorAlert error={state.error} onRetry={state.retry} />;
  return <>{empty}</>;
}

/** Under a paged list's rows: a failure to read more (or to refresh), then "Load more". */
export function ListFooter({ list, label }: { list: PagedList<unknown>; label?: string }) {
  return (
    <>
      {list.items.length > 0 && list.error && <DeskErrorAlert error={list.error} onRetry={list.retry} />}
      <LoadMore list={list} label={label} />
    </>
  );
}
