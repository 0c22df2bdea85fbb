import { api, request, seg } from './client';
import type { Page } from './admin';

// CSV imports (admin and owner): upload with a column mapping and options, a dry run that
// classifies every row, then the import itself, each a background job with progress.

export type ImportStatus = 'dry_running' | 'dry_run_done' | 'running' | 'done' | 'cancelled' | 'failed';

/** Fields a column can fill (field → column name in the file's header). */
export type ImportField = 'email' | 'first_name' | 'last_name' | 'name' | 'phone' | 'tags' | 'offers' | 'communities';
export type ImportMapping = Partial<Record<ImportField, string>>;

export interface ImportOptions {
  offer_ids: string[];
  community_ids: string[];
  /** The welcome email of each offer newly granted, now; otherwise never. */
  send_welcome: boolean;
}

export interface ImportRecord {
  id: string;
  filename: string;
  status: ImportStatus | string;
  dry_run: boolean;
  /** Rows in the file (the header not counted). */
  total: number;
  done: number;
  /** Dry run: new, update, invalid, duplicate. Run: created, updated, invalid, duplicate, failed. */
  counts: Record<string, number> | null;
  /** Why it failed (status failed). */
  error: string;
  options: (Partial<ImportOptions> & { mapping?: ImportMapping }) | null;
  created_at: string;
  finished_at: string | null;
}

/** A row that cannot be imported, with the reason. */
export interface ImportProblem {
  /** The row's line in the file (the header is line 1). */
  line: number;
  email: string;
  outcome: 'invalid' | 'duplicate' | 'failed' | string;
  detail: string;
}

const importPath = (id: string) => `/api/admin/imports/${seg(id)}`;

export const importsApi = {
  /** Uploads a CSV and queues its dry run (or, with dryRun false, the import itself). */
  upload: (file: File, mapping: ImportMapping, options: ImportOptions, dryRun = true) => {
    const form = new FormData();
    form.append('file', file);
    form.append('mapping', JSON.stringify(mapping));
    form.append('options', JSON.stringify(options));
    form.append('dry_run', String(dryRun));
    return request<ImportRecord>('POST', '/api/admin/imports', { form });
  },
  get: (id: string, signal?: AbortSignal) => api.get<ImportRecord>(importPath(id), { signal }),
  list: (cursor?: string, signal?: AbortSignal) => api.get<Page<ImportRecord>>('/api/admin/imports', { query: { cursor }, signal }),
  run: (id: string) => api.post<ImportRecord>(`${importPath(id)}/run`),
  cancel: (id: string) => api.post<ImportRecord>(`${importPath(id)}/cancel`),
  /** The rows that cannot be imported (invalid, duplicate, failed), in file order, a page at a time. */
  problems: (id: string, cursor?: string, signal?: AbortSignal) =>
    api.get<Page<ImportProblem>>(`${importPath(id)}/problems`, { query: { cursor, limit: 50 }, signal }),
};

/** The per-row CSV report of an import: the dry run's until the import runs, then the run's. */
export function importReportUrl(id: string): string {
  return `${importPath(id)}/report`;
}
