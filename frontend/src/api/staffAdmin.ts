import { api, seg, withQuery } from './client';
import type { Role } from './auth';
import type { ContactSummary, Page } from './admin';

// Admin and owner only (the server answers 403 forbidden to support): the staff list and its
// roles, the portal settings, and the audit log.

export interface Settings {
  portal_name: string;
  logo_url: string;
  primary_color: string;
  sender_name: string;
  sender_address: string;
  support_email: string;
  staff_reset_ttl_minutes: number;
  welcome_ttl_minutes: number;
  /** A provider sign-in with a verified address and no account creates a member. */
  allow_self_signup: boolean;
  /** Read-only: the providers enabled in the environment, with the URL to register at each. */
  oauth_providers?: OAuthProviderSetting[];
}

export interface OAuthProviderSetting {
  name: string;
  label: string;
  kind: string;
  callback_url: string;
}

export interface AuditEntry {
  id: number;
  actor_id: string;
  actor_email: string;
  action: string;
  target_type: string;
  target_id: string;
  contact_id: string;
  detail: Record<string, unknown> | null;
  ip: string;
  user_agent: string;
  created_at: string;
}

/** action is exact ("offer.grant") or a prefix ending in a dot ("offer."); dates are YYYY-MM-DD. */
export interface AuditFilters {
  actor_id?: string;
  action?: string;
  target_id?: string;
  contact_id?: string;
  from?: string;
  to?: string;
}

export const staffAdminApi = {
  staff: (signal?: AbortSignal) => api.get<Page<ContactSummary>>('/api/admin/staff', { signal }),
  inviteStaff: (email: string, name: string, role: Role) => api.post<ContactSummary>('/api/admin/staff', { email, name, role }),
  changeRole: (id: string, role: Role) => api.patch<ContactSummary>(`/api/admin/staff/${seg(id)}`, { role }),

  settings: (signal?: AbortSignal) => api.get<Settings>('/api/admin/settings', { signal }),
  updateSettings: (patch: Partial<Omit<Settings, 'oauth_providers'>>) => api.patch<Settings>('/api/admin/settings', patch),

  audit: (filters: AuditFilters, cursor?: string, signal?: AbortSignal) =>
    api.get<Page<AuditEntry>>('/api/admin/audit', { query: { ...filters, cursor }, signal }),
};

/** The CSV download of the audit log with the same filters as the table. */
export function auditCsvUrl(filters: AuditFilters): string {
  return withQuery('/api/admin/audit.csv', { ...filters });
}
