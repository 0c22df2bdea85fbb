import type { Provider } from './auth';
import { api, seg } from './client';

export interface ContentLink {
  label: string;
  url: string;
}

/** An app or protected site the member can open, and where "Open" leads. */
export interface PortalApp {
  id: string;
  name: string;
  kind: 'oidc' | 'proxy';
  url: string;
}

export interface PortalOffer {
  id: string;
  name: string;
  description: string;
  content_links: ContentLink[] | null;
  /** The apps and sites this offer opens. */
  apps: PortalApp[] | null;
  granted_at: string;
}

/** Why a member cannot open an app: its name, the offers they hold, whom to ask. */
export interface AppAccess {
  app: { id: string; name: string; url: string };
  admitted: boolean;
  offers: string[];
  support_email: string;
  portal_name: string;
}

export interface PortalCommunity {
  id: string;
  name: string;
  description: string;
  url: string;
  direct: boolean;
  via_offers: string[] | null;
}

export interface PortalSession {
  id: string;
  current: boolean;
  ip: string;
  user_agent: string;
  created_at: string;
  last_seen_at: string;
}

/** A provider account linked to the signed-in contact. */
export interface Identity {
  id: string;
  provider: string;
  label: string;
  email: string;
  created_at: string;
  last_used_at: string | null;
}

export interface SignInMethods {
  identities: Identity[];
  providers: Provider[];
  has_password: boolean;
}

interface Items<T> {
  items: T[];
}

export const portalApi = {
  offers: (signal?: AbortSignal) => api.get<Items<PortalOffer>>('/api/portal/offers', { signal }),
  communities: (signal?: AbortSignal) => api.get<Items<PortalCommunity>>('/api/portal/communities', { signal }),
  apps: (signal?: AbortSignal) => api.get<Items<PortalApp>>('/api/portal/apps', { signal }),
  appAccess: (id: string, signal?: AbortSignal) => api.get<AppAccess>(`/api/portal/apps/${seg(id)}/access`, { signal }),
  /** current_password may be empty right after signing in with a temporary password. */
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<void>('/api/portal/password', { current_password: currentPassword, new_password: newPassword }),
  sessions: (signal?: AbortSignal) => api.get<Items<PortalSession>>('/api/portal/sessions', { signal }),
  endSession: (id: string) => api.delete<void>(`/api/portal/sessions/${seg(id)}`),
  endOtherSessions: () => api.post<{ ended: number }>('/api/portal/sessions/sign-out-others'),
  signInMethods: (signal?: AbortSignal) => api.get<SignInMethods>('/api/portal/identities', { signal }),
  disconnect: (id: string) => api.delete<void>(`/api/portal/identities/${seg(id)}`),
};
