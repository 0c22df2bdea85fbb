import { useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';

interface Job<T> {
  queryKey: QueryKey;
  read: (signal: AbortSignal) => Promise<T>;
  /** Whether the job still moves (and so is read again every ms). */
  moving: (job: T) => boolean;
  ms: number;
  /** The list of such jobs, read again after an update. */
  listKey: QueryKey;
}

/**
 * A background job (a bulk operation, an import), read again every ms while it moves: the
 * progress survives a reload because it always comes from the server. update() shows the
 * server's answer to Cancel or Run at once; a poll still on its way is dropped (its answer is
 * older) and the job list is read again.
 */
export function useJob<T>({ queryKey, read, moving, ms, listKey }: Job<T>) {
  const client = useQueryClient();
  const job = useQuery({
    queryKey,
    queryFn: ({ signal }) => read(signal),
    refetchInterval: (q) => (q.state.data && moving(q.state.data) ? ms : false),
  });
  const update = (next: T) => {
    void client.cancelQueries({ queryKey });
    client.setQueryData(queryKey, next);
    void client.invalidateQueries({ queryKey: listKey });
  };
  return { job, update };
}
