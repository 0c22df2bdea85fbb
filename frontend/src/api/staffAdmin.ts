import { api, seg, withQuery } from './client';
import type { Role } from './auth';
import type { Actor, ContactSummary, Page } from './admin';

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
  /** Members may sign in with a code emailed to them. */
  allow_code_sign_in: boolean;
  /** Staff too (only an owner may change it). */
  allow_staff_code_sign_in: boolean;
  /** Read-only: the providers enabled in the environment, with the URL to register at each. */
  oauth_providers?: OAuthProviderSetting[];
  /** Read-only: what an empty sender name and address fall back to (GATEHOUSE_MAIL_FROM, the portal's name). */
  sender_name_fallback?: string;
  sender_address_fallback?: string;
}

/** What the settings form may change (the rest is read-only). */
export type SettingsInput = Partial<Omit<Settings, 'oauth_providers' | 'sender_name_fallback' | 'sender_address_fallback'>>;

export interface OAuthProviderSetting {
  name: string;
  label: string;
  kind: string;
  callback_url: string;
}

export interface AuditEntry extends Actor {
  id: number;
  actor_id: string;
  actor_email: string;
  action: string;
  target_type: string;
  target_id: string;
  /** The target as it was named at the time ("Mia Rossi (mia@example.com)"). */
  target_label?: string;
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
  /** Part of a target's name or address, an actor's address, a workflow's or file's name. */
  q?: string;
  contact_id?: string;
  from?: string;
  to?: string;
}

export const staffAdminApi = {
  staff: (signal?: AbortSignal) => api.get<Page<ContactSummary>>('/api/admin/staff', { signal }),
  inviteStaff: (email: string, name: string, role: Role) => api.post<ContactSummary>('/api/admin/staff', { email, name, role }),
  changeRole: (id: string, role: Role) => api.patch<ContactSummary>(`/api/admin/staff/${seg(id)}`, { role }),

  settings: (signal?: AbortSignal) => api.get<Settings>('/api/admin/settings', { signal }),
  updateSettings: (patch: SettingsInput) => api.patch<Settings>('/api/admin/settings', patch),

  audit: (filters: AuditFilters, cursor?: string, signal?: AbortSignal) =>
    api.get<Page<AuditEntry>>('/api/admin/audit', { query: { ...filters, cursor }, signal }),
};

/** The CSV download of the audit log with the same filters as the table. */
export function auditCsvUrl(filters: AuditFilters): string {
  return withQuery('/api/admin/audit.csv', { ...filters });
}
