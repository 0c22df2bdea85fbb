import { api, seg } from './client';
import type { Page } from './admin';

// Admin → Apps: the places offers open (OpenID Connect clients and forward-auth sites).

export type AppKind = 'oidc' | 'proxy';

export interface AppRule {
  any_member: boolean;
  staff_only: boolean;
  offer_ids: string[];
  community_ids: string[];
}

export interface App {
  id: string;
  name: string;
  kind: AppKind;
  client_id?: string;
  public: boolean;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  hosts: string[];
  launch_url: string;
  /** Where "Open" leads: launch_url, or a default from the app's addresses. */
  open_url: string;
  rule: AppRule;
  created_at: string;
  updated_at: string;
  /** Only in the answer that created the app (or a new secret): shown once. */
  client_secret?: string;
}

export interface AppInput {
  name: string;
  kind: AppKind;
  public: boolean;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  hosts: string[];
  launch_url: string;
  rule: AppRule;
}

/** What staff copy into an app's or a proxy's configuration. */
export interface AppsMeta {
  issuer: string;
  discovery_url: string;
  forward_auth_url: string;
  callback_path: string;
}

/** The contact record's apps: those they can open, and those they signed in to. */
export interface ContactApps {
  can_open: { id: string; name: string; kind: AppKind; url: string }[];
  signed_in: { app_id: string; name: string; kind: AppKind; first_at: string; last_at: string; count: number }[];
}

const appPath = (id: string) => `/api/admin/apps/${seg(id)}`;

export const appsApi = {
  list: (signal?: AbortSignal) => api.get<Page<App> & { meta: AppsMeta }>('/api/admin/apps', { signal }),
  get: (id: string, signal?: AbortSignal) => api.get<{ app: App; meta: AppsMeta }>(appPath(id), { signal }),
  create: (input: AppInput) => api.post<App>('/api/admin/apps', input),
  update: (id: string, input: AppInput) => api.patch<App>(appPath(id), input),
  remove: (id: string) => api.delete<void>(appPath(id)),
  newSecret: (id: string) => api.post<{ client_secret: string }>(`${appPath(id)}/secret`),
  forContact: (contactId: string, signal?: AbortSignal) =>
    api.get<ContactApps>(`/api/admin/contacts/${seg(contactId)}/apps`, { signal }),
};
