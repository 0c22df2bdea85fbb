import { api, seg } from './client';
import type { Role } from './auth';
import type { Identity, PortalCommunity } from './portal';

export type { Identity };

// The staff desk's contact endpoints: the list, the contact record and its one-click fixes,
// and the email log. Offers and communities are in catalog.ts; staff, settings and the audit
// log (admin and owner only) in staffAdmin.ts.

export interface Page<T> {
  items: T[];
  next_cursor?: string;
}

/** invited = never signed in; suppressed = email to the address bounces or was marked as spam. */
export type ContactStatus = 'invited' | 'active' | 'disabled' | 'suppressed';

export interface ContactSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: ContactStatus;
  disabled: boolean;
  last_login_at: string | null;
  created_at: string;
}

export interface WelcomeEmailStatus {
  id: string;
  status: string;
  status_reason: string;
  created_at: string;
}

export interface Grant {
  offer_id: string;
  offer_name: string;
  archived?: boolean;
  granted_at: string;
  welcome_email?: WelcomeEmailStatus | null;
}

/** A contact's community, as the member sees it on their own communities page. */
export type ContactCommunity = PortalCommunity;

export interface Suppression {
  reason: string;
  created_at: string;
}

export interface ContactDetail extends ContactSummary {
  failed_logins: number;
  /** Only set while sign-in is paused (in the future). */
  locked_until: string | null;
  active_sessions: number;
  pending_links: number;
  password_set?: boolean;
  password_temporary?: boolean;
  suppression?: Suppression | null;
  offers: Grant[];
  communities?: ContactCommunity[];
}

/** Who acted: a staff member at the desk, or a workflow, bulk run, import or API key. */
export type ActorKind = 'staff' | 'workflow' | 'bulk' | 'import' | 'api';

/** Who did something, as the history and the audit log name them. */
export interface Actor {
  actor_email?: string;
  actor_kind?: ActorKind | string;
  /** A workflow's or API key's name, an import's file name. */
  actor_label?: string;
}

export interface ContactEvent extends Actor {
  type: 'request' | 'action';
  action: string;
  outcome?: string;
  ip: string;
  detail?: Record<string, unknown>;
  created_at: string;
}

export interface ContactFilters {
  q?: string;
  offer_id?: string;
  community_id?: string;
  status?: string;
  sort?: string;
  cursor?: string;
  limit?: number;
}

export interface GrantResult {
  id: string;
  offer_id: string;
  granted_at: string;
  welcome_email_id: string | null;
}

export interface ResendResult {
  email_id: string;
  status: string;
  /** True when a welcome email was queued moments ago and no second one was sent. */
  deduplicated: boolean;
}

export interface PasswordChange {
  password?: string;
  generate?: boolean;
  temporary: boolean;
  notify: boolean;
}

export interface PasswordResult {
  temporary: boolean;
  notified: boolean;
  /** Only for a generated password: shown once, never again. */
  password?: string;
}

export interface CopiedLink {
  url: string;
  expires_at: string;
}

export interface EmailEvent {
  type: string;
  detail: string;
  occurred_at: string;
}

export interface EmailRecord {
  id: string;
  contact_id: string;
  to: string;
  kind: string;
  offer_id: string;
  subject: string;
  status: string;
  status_reason: string;
  attempts: number;
  created_at: string;
  sent_at: string | null;
  events: EmailEvent[];
  /** The text part with the one-time link masked. */
  preview: string;
}

/** The email log's filters; from and to are YYYY-MM-DD (UTC days, to inclusive). */
export interface EmailFilters {
  status?: string;
  kind?: string;
  /** Part of the recipient's address. */
  q?: string;
  contact_id?: string;
  from?: string;
  to?: string;
}

export interface EmailDay {
  /** YYYY-MM-DD, a UTC day. */
  date: string;
  /** Emails created that day, by their status now. */
  counts: Record<string, number>;
}

export interface EmailOverview {
  /** The last 30 days, oldest first (test emails left out). */
  days: EmailDay[];
  attention: {
    /** Failed, bounced, complained: emails created in the last 7 days. */
    failed: number;
    bounced: number;
    complained: number;
    /** Queued or sending for more than 15 minutes. */
    stuck: number;
    suppressed_addresses: number;
  };
}

export interface CapturedEmail {
  id: string;
  email_id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  created_at: string;
}

export type AccessOutcome =
  | 'pending'
  | 'sent'
  | 'unknown_address'
  | 'disabled'
  | 'throttled'
  | 'suppressed'
  | 'code_sign_in_off'
  | 'staff_code_sign_in_off';

export interface AccessRequest {
  id: string;
  kind: string;
  email: string;
  contact_id: string;
  outcome: AccessOutcome | string;
  ip: string;
  created_at: string;
}

const contactPath = (id: string) => `/api/admin/contacts/${seg(id)}`;

export const adminApi = {
  contacts: (q: ContactFilters, signal?: AbortSignal) => api.get<Page<ContactSummary>>('/api/admin/contacts', { query: { ...q }, signal }),
  createContact: (email: string, name: string) => api.post<ContactSummary>('/api/admin/contacts', { email, name }),
  updateContact: (id: string, patch: { email?: string; name?: string }) => api.patch<ContactSummary>(contactPath(id), patch),
  contact: (id: string, signal?: AbortSignal) => api.get<ContactDetail>(contactPath(id), { signal }),
  contactEvents: (id: string, signal?: AbortSignal) => api.get<Page<ContactEvent>>(`${contactPath(id)}/events`, { signal }),
  contactEmails: (contactId: string, cursor?: string, signal?: AbortSignal) =>
    api.get<Page<EmailRecord>>(`${contactPath(contactId)}/emails`, { query: { cursor }, signal }),

  grantOffer: (contactId: string, offerId: string, sendWelcome: boolean) =>
    api.post<GrantResult>(`${contactPath(contactId)}/offers`, { offer_id: offerId, send_welcome: sendWelcome }),
  revokeOffer: (contactId: string, offerId: string) => api.delete<void>(`${contactPath(contactId)}/offers/${seg(offerId)}`),
  resendWelcome: (contactId: string, offerId: string) => api.post<ResendResult>(`${contactPath(contactId)}/offers/${seg(offerId)}/resend`, {}),

  setPassword: (contactId: string, change: PasswordChange) => api.post<PasswordResult>(`${contactPath(contactId)}/password`, change),
  /** Emails a reset link; its lifetime is the portal's setting for staff-sent links (session.link_lifetimes). */
  sendResetLink: (contactId: string) => api.post<{ expires_at: string }>(`${contactPath(contactId)}/reset-link`, { send: true }),
  copyResetLink: (contactId: string, ttlMinutes: number) =>
    api.post<CopiedLink>(`${contactPath(contactId)}/reset-link`, { send: false, ttl_minutes: ttlMinutes }),
  copyAccessLink: (contactId: string, ttlMinutes: number) =>
    api.post<CopiedLink>(`${contactPath(contactId)}/access-link`, { ttl_minutes: ttlMinutes }),
  signOutEverywhere: (contactId: string) => api.post<{ ended: number }>(`${contactPath(contactId)}/sign-out`, {}),
  disable: (contactId: string) => api.post<void>(`${contactPath(contactId)}/disable`, {}),
  enable: (contactId: string) => api.post<void>(`${contactPath(contactId)}/enable`, {}),
  unsuppress: (contactId: string) => api.post<void>(`${contactPath(contactId)}/unsuppress`, {}),
  addToCommunity: (contactId: string, communityId: string) =>
    api.post<void>(`${contactPath(contactId)}/communities`, { community_id: communityId }),
  removeFromCommunity: (contactId: string, communityId: string) =>
    api.delete<void>(`${contactPath(contactId)}/communities/${seg(communityId)}`),
  /** Provider accounts (Google, GitHub…) the contact signs in with. */
  identities: (contactId: string, signal?: AbortSignal) =>
    api.get<{ identities: Identity[] }>(`${contactPath(contactId)}/identities`, { signal }),
  unlinkIdentity: (contactId: string, identityId: string) =>
    api.delete<void>(`${contactPath(contactId)}/identities/${seg(identityId)}`),

  emails: (filters: EmailFilters, cursor?: string, signal?: AbortSignal) =>
    api.get<Page<EmailRecord>>('/api/admin/emails', { query: { ...filters, cursor }, signal }),
  emailOverview: (signal?: AbortSignal) => api.get<EmailOverview>('/api/admin/emails/overview', { signal }),
  retryEmail: (emailId: string) => api.post<{ email_id: string; retry_of: string }>(`/api/admin/emails/${seg(emailId)}/retry`, {}),
  mailbox: (to: string, cursor?: string, signal?: AbortSignal) =>
    api.get<Page<CapturedEmail>>('/api/admin/mailbox', { query: { to, cursor }, signal }),
  mailboxMessage: (id: string, signal?: AbortSignal) => api.get<CapturedEmail>(`/api/admin/mailbox/${seg(id)}`, { signal }),
  accessRequests: (contactId: string | undefined, cursor?: string, signal?: AbortSignal) =>
    api.get<Page<AccessRequest>>('/api/admin/access-requests', { query: { contact_id: contactId, cursor }, signal }),
};

/** An email's HTML with its one-time link masked, for a sandboxed iframe (the server sets its CSP). */
export function emailHtmlUrl(emailId: string): string {
  return `/api/admin/emails/${seg(emailId)}/html`;
}

/** A captured email's HTML as delivered (local mailbox), for a sandboxed iframe. */
export function mailboxHtmlUrl(messageId: string): string {
  return `/api/admin/mailbox/${seg(messageId)}/html`;
}
