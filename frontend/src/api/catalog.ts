import { api, seg } from './client';
import type { ContactSummary, Page } from './admin';
import type { ContentLink } from './portal';
import type { EmailPreview, TestSent } from './templates';

// What members can be given: offers (with their welcome email) and communities.

export interface OfferInput {
  name: string;
  /** Lower-case words and hyphens; names the offer to integrations. Sent empty: made from the name (new) or kept (edit). */
  slug: string;
  description: string;
  content_links: ContentLink[];
  welcome_subject: string;
  welcome_body: string;
  community_ids: string[];
}

/** An offer as read: what is sent, and what the server keeps. */
export interface Offer extends OfferInput {
  id: string;
  /** Contacts who hold the offer now. */
  members: number;
  archived: boolean;
  created_at: string;
}

export interface CommunityInput {
  name: string;
  /** Sent empty: made from the name (new) or kept (edit). */
  slug: string;
  description: string;
  url: string;
}

/** A community as read: what is sent, and what the server keeps. */
export interface Community extends CommunityInput {
  id: string;
  archived: boolean;
  created_at: string;
}

export interface CommunityMember extends ContactSummary {
  direct: boolean;
  via_offers: string[] | null;
}

const offerPath = (id: string) => `/api/admin/offers/${seg(id)}`;
const communityPath = (id: string) => `/api/admin/communities/${seg(id)}`;

export const catalogApi = {
  offers: (opts: { archived?: boolean } = {}, signal?: AbortSignal) =>
    api.get<Page<Offer>>('/api/admin/offers', { query: { archived: opts.archived || undefined }, signal }),
  offer: (id: string, signal?: AbortSignal) => api.get<Offer>(offerPath(id), { signal }),
  createOffer: (offer: OfferInput) => api.post<Offer>('/api/admin/offers', offer),
  updateOffer: (id: string, patch: Partial<OfferInput>) => api.patch<Offer>(offerPath(id), patch),
  archiveOffer: (id: string) => api.delete<void>(offerPath(id)),
  restoreOffer: (id: string) => api.post<void>(`${offerPath(id)}/restore`),
  previewWelcome: (
    draft: { name: string; description: string; welcome_subject: string; welcome_body: string; contact_id?: string },
    signal?: AbortSignal,
  ) => api.post<EmailPreview>('/api/admin/offers/preview', draft, { signal }),
  /** Emails the signed-in staff member the welcome email as being edited (unsaved); its link opens nothing. */
  testWelcome: (id: string, draft: { welcome_subject: string; welcome_body: string }) => api.post<TestSent>(`${offerPath(id)}/test-welcome`, draft),

  communities: (opts: { archived?: boolean } = {}, signal?: AbortSignal) =>
    api.get<Page<Community>>('/api/admin/communities', { query: { archived: opts.archived || undefined }, signal }),
  community: (id: string, signal?: AbortSignal) => api.get<Community>(communityPath(id), { signal }),
  createCommunity: (c: CommunityInput) => api.post<Community>('/api/admin/communities', c),
  updateCommunity: (id: string, patch: Partial<CommunityInput>) => api.patch<Community>(communityPath(id), patch),
  archiveCommunity: (id: string) => api.delete<void>(communityPath(id)),
  restoreCommunity: (id: string) => api.post<void>(`${communityPath(id)}/restore`),
  communityMembers: (id: string, signal?: AbortSignal) => api.get<Page<CommunityMember>>(`${communityPath(id)}/members`, { signal }),
};
