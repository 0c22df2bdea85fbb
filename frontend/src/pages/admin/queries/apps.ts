import { queryOptions } from '@tanstack/react-query';
import { appsApi } from '../../../api/apps';
import { contactKeys } from './contacts';

// Apps: the list (with what staff copy into configurations), each app, and a contact's apps
// (nested under the contact's record: a revoked offer or a sign-out refreshes them too).

export const appKeys = {
  all: ['apps'] as const,
  record: (id: string) => ['apps', 'record', id] as const,
};

export const appQueries = {
  list: () => queryOptions({ queryKey: ['apps', 'list'], queryFn: ({ signal }) => appsApi.list(signal) }),
  app: (id: string) => queryOptions({ queryKey: appKeys.record(id), queryFn: ({ signal }) => appsApi.get(id, signal) }),
  forContact: (contactId: string) =>
    queryOptions({ queryKey: [...contactKeys.record(contactId), 'apps'], queryFn: ({ signal }) => appsApi.forContact(contactId, signal) }),
};
