import { api, seg } from './client';
import type { Page } from './admin';

// Bulk operations over many contacts: a dry run that classifies them, then a background job
// with progress, cancel and resume, and a per-contact CSV report.

export type BulkAction = 'resend_welcome' | 'send_reset_link' | 'grant_offer' | 'revoke_offer' | 'add_to_community' | 'sign_out';

/** How a dry run classifies each contact. */
export type BulkClass = 'will_act' | 'suppressed' | 'already_active' | 'disabled' | 'invalid' | 'not_allowed';

export interface BulkFilter {
  q?: string;
  offer_id?: string;
  community_id?: string;
  status?: string;
}

export interface BulkRequest {
  action: BulkAction;
  offer_id?: string;
  community_id?: string;
  /** Everyone matching the filter, or the contacts listed: one of the two. */
  filter?: BulkFilter;
  contact_ids?: string[];
}

export interface SampleContact {
  id: string;
  email: string;
  name: string;
}

export interface BulkPlan {
  dry_run: true;
  total: number;
  counts: Partial<Record<BulkClass, number>>;
  /** Up to five contacts of each class. */
  sample: Partial<Record<BulkClass, SampleContact[]>>;
}

/** stopped: it stopped on its own, its creator having lost the authority it ran with (stop_reason). */
export type BulkStatus = 'running' | 'cancelled' | 'stopped' | 'done';

export interface BulkOperation {
  id: string;
  action: BulkAction | string;
  offer_id: string;
  community_id: string;
  status: BulkStatus | string;
  done: number;
  total: number;
  /** Outcomes so far: pending, done, suppressed, already_active, disabled, invalid, failed. */
  counts?: Record<string, number>;
  /** Why a stopped operation stopped. */
  stop_reason?: string;
  created_at: string;
  finished_at: string | null;
}

const bulkPath = (id: string) => `/api/admin/bulk/${seg(id)}`;

export const bulkApi = {
  dryRun: (r: BulkRequest) => api.post<BulkPlan>('/api/admin/bulk', { ...r, dry_run: true }),
  start: (r: BulkRequest) => api.post<{ id: string; total: number; status: string }>('/api/admin/bulk', { ...r, dry_run: false }),
  get: (id: string, signal?: AbortSignal) => api.get<BulkOperation>(bulkPath(id), { signal }),
  list: (cursor?: string, signal?: AbortSignal) => api.get<Page<BulkOperation>>('/api/admin/bulk', { query: { cursor }, signal }),
  cancel: (id: string) => api.post<BulkOperation>(`${bulkPath(id)}/cancel`),
  resume: (id: string) => api.post<BulkOperation>(`${bulkPath(id)}/resume`),
};

/** The per-contact CSV report of a bulk operation (a download). */
export function bulkReportUrl(id: string): string {
  return `${bulkPath(id)}/report`;
}
