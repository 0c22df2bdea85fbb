import type { Provider } from './auth';
import { api, seg } from './client';

export interface ContentLink {
  label: string;
  url: string;
}

export interface PortalOffer {
  id: string;
  name: string;
  description: string;
  content_links: ContentLink[] | null;
  granted_at: string;
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
  /** current_password may be empty right after signing in with a temporary password. */
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<void>('/api/portal/password', { current_password: currentPassword, new_password: newPassword }),
  sessions: (signal?: AbortSignal) => api.get<Items<PortalSession>>('/api/portal/sessions', { signal }),
  endSession: (id: string) => api.delete<void>(`/api/portal/sessions/${seg(id)}`),
  endOtherSessions: () => api.post<{ ended: number }>('/api/portal/sessions/sign-out-others'),
  signInMethods: (signal?: AbortSignal) => api.get<SignInMethods>('/api/portal/identities', { signal }),
  disconnect: (id: string) => api.delete<void>(`/api/portal/identities/${seg(id)}`),
};
