import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../api/client';

// The desk's cache of server data (TanStack Query). Every query reads through the one fetch
// client (api/), which turns failures into ApiError; the rules here decide what is tried again.

const MAX_RETRIES = 2;

/**
 * A 4xx is the server's answer (not allowed, not found, invalid, too many requests): asking
 * again gives the same answer, or worse for a rate limit. Network failures and 5xx are retried
 * twice with the library's backoff before the page shows the error with its "Try again".
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < MAX_RETRIES;
}

/** One per mounted desk: leaving /admin drops it, so the next staff member starts empty. */
export function createDeskQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Mutations are never repeated on their own: a repeated "resend" is a second email.
      queries: { retry: shouldRetry },
      mutations: { retry: false },
    },
  });
}
