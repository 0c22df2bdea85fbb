import { api, seg } from './client';
import type { Role } from './auth';
import type { ContentLink } from './portal';

export interface Page<T> {
  items: T[];
  next_cursor?: string;
}

export interface ContactSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  last_login_at: string | null;
  created_at: string;
}

export interface Grant {
  offer_id: string;
  offer_name: string;
  granted_at: string;
}

export interface ContactDetail extends ContactSummary {
  failed_logins: number;
  locked_until: string | null;
  active_sessions: number;
  pending_links: number;
  offers: Grant[];
}

export interface GrantResult {
  id: string;
  offer_id: string;
  granted_at: string;
  welcome_email_id: string | null;
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

export interface Offer {
  id: string;
  name: string;
  description: string;
  content_links: ContentLink[];
  welcome_subject: string;
  welcome_body: string;
  archived: boolean;
  created_at: string;
}

export interface NewOffer {
  name: string;
  description: string;
  content_links: ContentLink[];
  welcome_subject: string;
  welcome_body: string;
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

export type AccessOutcome = 'pending' | 'sent' | 'unknown_address' | 'disabled' | 'throttled';

export interface AccessRequest {
  id: string;
  kind: string;
  email: string;
  contact_id: string;
  outcome: AccessOutcome | string;
  ip: string;
  created_at: string;
}

export const adminApi = {
  contacts: (q: { q?: string; offer_id?: string; cursor?: string; limit?: number }, signal?: AbortSignal) =>
    api.get<Page<ContactSummary>>('/api/admin/contacts', { query: q, signal }),
  createContact: (email: string, name: string) => api.post<ContactSummary>('/api/admin/contacts', { email, name }),
  contact: (id: string, signal?: AbortSignal) => api.get<ContactDetail>(`/api/admin/contacts/${seg(id)}`, { signal }),
  grantOffer: (contactId: string, offerId: string, sendWelcome: boolean) =>
    api.post<GrantResult>(`/api/admin/contacts/${seg(contactId)}/offers`, { offer_id: offerId, send_welcome: sendWelcome }),
  contactEmails: (contactId: string, cursor?: string, signal?: AbortSignal) =>
    api.get<Page<EmailRecord>>(`/api/admin/contacts/${seg(contactId)}/emails`, { query: { cursor }, signal }),
  offers: (signal?: AbortSignal) => api.get<Page<Offer>>('/api/admin/offers', { signal }),
  createOffer: (offer: NewOffer) => api.post<Offer>('/api/admin/offers', offer),
  emails: (q: { status?: string; kind?: string; cursor?: string }, signal?: AbortSignal) =>
    api.get<Page<EmailRecord>>('/api/admin/emails', { query: q, signal }),
  mailbox: (to: string, signal?: AbortSignal) => api.get<Page<CapturedEmail>>('/api/admin/mailbox', { query: { to }, signal }),
  mailboxMessage: (id: string, signal?: AbortSignal) => api.get<CapturedEmail>(`/api/admin/mailbox/${seg(id)}`, { signal }),
  accessRequests: (contactId: string | undefined, signal?: AbortSignal) =>
    api.get<Page<AccessRequest>>('/api/admin/access-requests', { query: { contact_id: contactId }, signal }),
};
