import type { EmailFilters } from '../../../api/admin';
import type { FieldErrors } from '../../../api/client';

// The email log's filters live in the page's address (/admin/emails?status=failed&from=…), so a
// link from the delivery overview, a contact record or a colleague opens the same list.

export type EmailFilterName = keyof EmailFilters;

export const EMAIL_FILTER_NAMES: EmailFilterName[] = ['status', 'kind', 'q', 'contact_id', 'from', 'to'];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters in the address, trimmed; empty ones left out. */
export function emailFiltersFrom(params: URLSearchParams): EmailFilters {
  const out: EmailFilters = {};
  for (const name of EMAIL_FILTER_NAMES) {
    const v = params.get(name)?.trim();
    if (v) out[name] = v;
  }
  return out;
}

/** Problems worth saying before asking (the server checks the rest). */
export function emailFilterProblems(f: EmailFilters): FieldErrors {
  const problems: FieldErrors = {};
  if (f.from && !DAY.test(f.from)) problems.from = 'Use a date like 2026-11-26.';
  if (f.to && !DAY.test(f.to)) problems.to = 'Use a date like 2026-11-26.';
  if (f.from && f.to && DAY.test(f.from) && DAY.test(f.to) && f.to < f.from) problems.to = 'This is before the “From” date: no email can match.';
  return problems;
}

/** The address of the email log with these filters. */
export function emailsPath(f: EmailFilters): string {
  const params = new URLSearchParams();
  for (const name of EMAIL_FILTER_NAMES) {
    const v = f[name];
    if (v) params.set(name, v);
  }
  const qs = params.toString();
  return qs ? `/admin/emails?${qs}` : '/admin/emails';
}

/** YYYY-MM-DD of the UTC day `days` before now: the log's dates are UTC days, like the overview's. */
export function utcDay(now: Date, daysBefore = 0): string {
  return new Date(now.getTime() - daysBefore * 24 * 3600 * 1000).toISOString().slice(0, 10);
}
