import { queryOptions } from '@tanstack/react-query';
import { adminApi, type ContactFilters } from '../../../api/admin';
import { workflowsApi } from '../../../api/workflows';
import { pagedQuery } from './paged';

// Contacts: the list, the picker's search, and the record with everything shown on it. Keys
// nest, so invalidating a record's key refreshes its emails, history and runs too. Its sign-in
// providers change only by unlinking one, which updates them itself: they live apart.

export const contactKeys = {
  all: ['contacts'] as const,
  list: (f: ContactFilters) => ['contacts', 'list', f] as const,
  search: (q: string) => ['contacts', 'search', q] as const,
  record: (id: string) => ['contacts', 'record', id] as const,
};

export const contactQueries = {
  list: (f: ContactFilters) => pagedQuery(contactKeys.list(f), (cursor, signal) => adminApi.contacts({ ...f, cursor }, signal)),
  /** The first few contacts matching q (pickers). */
  search: (q: string) =>
    queryOptions({ queryKey: contactKeys.search(q), queryFn: ({ signal }) => adminApi.contacts({ q, limit: 5 }, signal), enabled: q !== '' }),
  record: (id: string) => queryOptions({ queryKey: contactKeys.record(id), queryFn: ({ signal }) => adminApi.contact(id, signal) }),
  emails: (id: string) => pagedQuery([...contactKeys.record(id), 'emails'], (cursor, signal) => adminApi.contactEmails(id, cursor, signal)),
  events: (id: string) =>
    queryOptions({ queryKey: [...contactKeys.record(id), 'events'], queryFn: ({ signal }) => adminApi.contactEvents(id, signal) }),
  identities: (id: string) => queryOptions({ queryKey: ['identities', id], queryFn: ({ signal }) => adminApi.identities(id, signal) }),
  runs: (id: string) => pagedQuery([...contactKeys.record(id), 'runs'], (cursor, signal) => workflowsApi.contactRuns(id, cursor, signal)),
};
