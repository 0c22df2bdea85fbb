import { queryOptions } from '@tanstack/react-query';
import { catalogApi } from '../../../api/catalog';

// Offers and communities: the lists (with or without archived ones), each record, and a
// community's members.

export const offerKeys = {
  all: ['offers'] as const,
  record: (id: string) => ['offers', 'record', id] as const,
};

export const communityKeys = {
  all: ['communities'] as const,
  record: (id: string) => ['communities', 'record', id] as const,
};

export const catalogQueries = {
  offers: (archived = false) =>
    queryOptions({ queryKey: ['offers', 'list', { archived }], queryFn: ({ signal }) => catalogApi.offers({ archived }, signal) }),
  offer: (id: string) => queryOptions({ queryKey: offerKeys.record(id), queryFn: ({ signal }) => catalogApi.offer(id, signal) }),
  communities: (archived = false) =>
    queryOptions({ queryKey: ['communities', 'list', { archived }], queryFn: ({ signal }) => catalogApi.communities({ archived }, signal) }),
  community: (id: string) => queryOptions({ queryKey: communityKeys.record(id), queryFn: ({ signal }) => catalogApi.community(id, signal) }),
  members: (id: string) =>
    queryOptions({ queryKey: [...communityKeys.record(id), 'members'], queryFn: ({ signal }) => catalogApi.communityMembers(id, signal) }),
};
