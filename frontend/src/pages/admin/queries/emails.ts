import { queryOptions } from '@tanstack/react-query';
import { adminApi, type EmailFilters } from '../../../api/admin';
import { pagedQuery } from './paged';

// The email log and its overview, the local mailbox, and the self-service requests.

export const emailKeys = {
  all: ['emails'] as const,
};

export const emailQueries = {
  log: (f: EmailFilters) => pagedQuery([...emailKeys.all, 'log', f], (cursor, signal) => adminApi.emails(f, cursor, signal)),
  overview: () => queryOptions({ queryKey: [...emailKeys.all, 'overview'], queryFn: ({ signal }) => adminApi.emailOverview(signal) }),
  mailbox: (to: string) => pagedQuery(['mailbox', 'list', to], (cursor, signal) => adminApi.mailbox(to, cursor, signal)),
  mailboxMessage: (id: string) =>
    queryOptions({ queryKey: ['mailbox', 'message', id], queryFn: ({ signal }) => adminApi.mailboxMessage(id, signal) }),
  requests: (contactId: string | undefined) =>
    pagedQuery(['requests', contactId ?? ''], (cursor, signal) => adminApi.accessRequests(contactId, cursor, signal)),
};
