import { bulkApi } from '../../../api/bulk';
import { importsApi } from '../../../api/imports';
import { pagedQuery } from './paged';

// Background jobs: bulk operations and CSV imports, each a list and a record that its page
// polls while the job moves (useJob).

export const bulkKeys = {
  list: ['bulk', 'list'] as const,
  record: (id: string) => ['bulk', 'record', id] as const,
};

export const importKeys = {
  list: ['imports', 'list'] as const,
  record: (id: string) => ['imports', 'record', id] as const,
};

export const jobQueries = {
  bulkList: () => pagedQuery(bulkKeys.list, (cursor, signal) => bulkApi.list(cursor, signal)),
  importList: () => pagedQuery(importKeys.list, (cursor, signal) => importsApi.list(cursor, signal)),
};
