import { queryOptions } from '@tanstack/react-query';
import { workflowsApi } from '../../../api/workflows';
import { pagedQuery } from './paged';

export const workflowKeys = {
  list: ['workflows', 'list'] as const,
  record: (id: string) => ['workflows', 'record', id] as const,
};

export const workflowQueries = {
  list: () => queryOptions({ queryKey: workflowKeys.list, queryFn: ({ signal }) => workflowsApi.list(signal) }),
  record: (id: string) => queryOptions({ queryKey: workflowKeys.record(id), queryFn: ({ signal }) => workflowsApi.get(id, signal) }),
  runs: (id: string) => pagedQuery([...workflowKeys.record(id), 'runs'], (cursor, signal) => workflowsApi.runs(id, cursor, signal)),
};
