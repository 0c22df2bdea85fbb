import { api } from './client';

export type Role = 'member' | 'support' | 'admin' | 'owner';

export interface SessionContact {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** The body of GET /api/auth/session, also returned by login and reset-password. */
export interface Session {
  authenticated: boolean;
  contact?: SessionContact;
  csrf_token?: string;
  must_change_password: boolean;
  /** False when the account signs in only with a provider. */
  has_password?: boolean;
  portal_name: string;
  primary_color: string;
  logo_url: string;
  /** For the signed-in user's own new password: 12 for members, 15 for staff. */
  min_password_length?: number;
  /** Staff only: how long the links they send work, from the portal's settings. */
  link_lifetimes?: LinkLifetimes;
  /** Staff only: no Resend key, so email is captured in the local mailbox and never leaves the machine. */
  mail_captured?: boolean;
}

export interface LinkLifetimes {
  /** A password reset link sent by staff. */
  staff_reset_minutes: number;
  /** The link in a welcome email. */
  welcome_minutes: number;
}

export type LinkPurpose = 'reset' | 'welcome' | 'set_password';

export interface LinkState {
  purpose: LinkPurpose;
  email: string;
  min_password_length: number;
}

/** A sign-in provider the business enabled (GET /api/auth/providers). */
export interface Provider {
  name: string;
  label: string;
  kind: 'google' | 'github' | 'microsoft' | 'oidc';
}

/** Where the browser goes to sign in (or, with link, to connect) with a provider. */
export function providerHref(name: string, opts: { next?: string | null; link?: boolean } = {}): string {
  const params = new URLSearchParams();
  if (opts.link) params.set('mode', 'link');
  if (opts.next) params.set('next', opts.next);
  const qs = params.toString();
  return `/auth/${encodeURIComponent(name)}${qs ? `?${qs}` : ''}`;
}

export interface Accepted {
  message: string;
}

export const authApi = {
  session: (signal?: AbortSignal) => api.get<Session>('/api/auth/session', { signal }),
  login: (email: string, password: string) => api.post<Session>('/api/auth/login', { email, password }),
  logout: () => api.post<void>('/api/auth/logout'),
  forgotPassword: (email: string) => api.post<Accepted>('/api/auth/forgot-password', { email }),
  resendAccess: (email: string) => api.post<Accepted>('/api/auth/resend-access', { email }),
  /** Says whether an emailed link still works; does not use it up. */
  checkLink: (token: string, signal?: AbortSignal) => api.post<LinkState>('/api/auth/check-link', { token }, { signal }),
  /** Uses the link to set the password; answers a signed-in session. */
  resetPassword: (token: string, password: string) => api.post<Session>('/api/auth/reset-password', { token, password }),
  renewLink: (token: string) => api.post<Accepted>('/api/auth/renew-link', { token }),
  providers: (signal?: AbortSignal) => api.get<{ providers: Provider[] }>('/api/auth/providers', { signal }),
};
