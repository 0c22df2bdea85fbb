import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { contactQueries } from '../queries/contacts';

const IN_FLIGHT = new Set(['queued', 'sending']);
const POLL_MS = 2500;
/** How long after opening the record, or after a change, an email on its way is followed. */
const FOLLOW_MS = 60_000;

/**
 * Email status follows what really happened: while an email to the contact is queued or
 * sending, the record and its emails are read again (refetchInterval), for a minute after the
 * last change at most (a stuck email is not polled forever). restart() after a change.
 */
export function useDeliveryPolling(id: string): { interval: () => number | false; restart: () => void } {
  const client = useQueryClient();
  const until = useRef(0);
  useEffect(() => {
    until.current = Date.now() + FOLLOW_MS;
  }, [id]);

  const interval = useCallback(() => {
    if (Date.now() > until.current) return false;
    const record = client.getQueryData(contactQueries.record(id).queryKey);
    const emails = client.getQueryData(contactQueries.emails(id).queryKey);
    const welcome = (record?.offers ?? []).some((g) => g.welcome_email && IN_FLIGHT.has(g.welcome_email.status));
    const logged = (emails?.pages ?? []).some((p) => (p.items ?? []).some((e) => IN_FLIGHT.has(e.status)));
    return welcome || logged ? POLL_MS : false;
  }, [client, id]);

  const restart = useCallback(() => {
    until.current = Date.now() + FOLLOW_MS;
  }, []);
  return { interval, restart };
}
