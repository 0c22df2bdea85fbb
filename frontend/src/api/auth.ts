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
  /** False when the account has no password (signs in with codes or a provider only). */
  has_password?: boolean;
  /** The sign-in page offers "Email me a sign-in code". */
  code_sign_in?: boolean;
  /** Signed in with an emailed code less than 10 minutes ago: a password may be set without the current one. */
  fresh_code_sign_in?: boolean;
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

/**
 * What names an emailed link: its token (opened from the link), or the 6-digit code printed
 * beside it with the account's address (typed on another device).
 */
export type LinkKey = { token: string } | { email: string; code: string };

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
  /** Emails a sign-in code, bound to this browser by a cookie; the same answer for every address. */
  requestCode: (email: string) => api.post<Accepted>('/api/auth/code', { email }),
  /** Signs in with the emailed code; answers a signed-in session, like login. */
  verifyCode: (email: string, code: string) => api.post<Session>('/api/auth/code/verify', { email, code }),
  /** Says whether an emailed link (or the code beside it) still works; does not use it up. */
  checkLink: (key: LinkKey, signal?: AbortSignal) => api.post<LinkState>('/api/auth/check-link', key, { signal }),
  /** Uses the link (or its code) to set the password; answers a signed-in session. */
  resetPassword: (key: LinkKey, password: string) => api.post<Session>('/api/auth/reset-password', { ...key, password }),
  renewLink: (token: string) => api.post<Accepted>('/api/auth/renew-link', { token }),
  providers: (signal?: AbortSignal) => api.get<{ providers: Provider[] }>('/api/auth/providers', { signal }),
  /** The app a sign-in continues to (next is the server step the login returns to). */
  signInTarget: (next: string, signal?: AbortSignal) =>
    api.get<{ app: { id: string; name: string } }>('/api/auth/sign-in-target', { query: { next }, signal }),
};
