import { useQuery } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { adminApi } from '../../../api/admin';
import { toApiError, type ApiError } from '../../../api/client';
import type { Settings } from '../../../api/staffAdmin';
import { useSession } from '../../../lib/session';
import { catalogQueries } from '../queries/catalog';
import { contactKeys } from '../queries/contacts';
import { staffAdminQueries } from '../queries/staffAdmin';

// The owner's first-run checklist ("Get started"). Each step ticks itself off from real data
// (the settings, the offers, the contacts, whether email is only captured); the list goes away
// once every step is done or the owner hides it.
//
// That it was hidden (or finished) is remembered in this browser's localStorage, per staff
// account, not on the server: it is a preference about one page, not data anyone else needs,
// so it needs no table, no endpoint and no audit entry. Another browser shows the list again
// until it is hidden there too, with its steps still ticked from the data.

/** The name a fresh portal has (the settings row's default). */
export const DEFAULT_PORTAL_NAME = 'Gatehouse';
/** GATEHOUSE_MAIL_FROM's default: no real sender yet. */
export const DEFAULT_SENDER_ADDRESS = 'no-reply@localhost';

export type FirstRunState = 'dismissed' | 'done' | null;

const CHANGED = 'gatehouse:first-run';
const storageKey = (contactId: string) => `gatehouse.desk.first-run.${contactId}`;

function read(contactId: string): FirstRunState {
  try {
    const v = window.localStorage.getItem(storageKey(contactId));
    return v === 'dismissed' || v === 'done' ? v : null;
  } catch {
    return null; // storage refused (private mode, policy): the list shows until done
  }
}

function write(contactId: string, state: Exclude<FirstRunState, null>): void {
  try {
    window.localStorage.setItem(storageKey(contactId), state);
  } catch {
    // Nowhere to remember it: it is hidden for this visit only.
  }
  window.dispatchEvent(new Event(CHANGED));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGED, onChange);
  window.addEventListener('storage', onChange); // another tab
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener('storage', onChange);
  };
}

/**
 * Whether the signed-in staff member should see the checklist: owners only, until it is hidden
 * or finished. set() remembers either.
 */
export function useFirstRun(): { pending: boolean; state: FirstRunState; set: (state: Exclude<FirstRunState, null>) => void } {
  const { session } = useSession();
  const contactId = session.contact?.id ?? '';
  const isOwner = session.contact?.role === 'owner';
  const state = useSyncExternalStore(
    subscribe,
    () => (contactId ? read(contactId) : null),
    () => null,
  );
  const set = useCallback((s: Exclude<FirstRunState, null>) => contactId && write(contactId, s), [contactId]);
  return { pending: isOwner && state === null, state, set };
}

export type StepKey = 'brand' | 'offer' | 'contacts' | 'resend';

export interface Step {
  key: StepKey;
  done: boolean;
}

export interface Checklist {
  /** undefined while the data is read. */
  steps: Step[] | undefined;
  settings: Settings | undefined;
  error: ApiError | undefined;
  retry: () => void;
}

/** The portal has its own name, and emails a real sender address (Settings, or GATEHOUSE_MAIL_FROM). */
export function brandDone(s: Settings): boolean {
  const address = (s.sender_address || s.sender_address_fallback || DEFAULT_SENDER_ADDRESS).trim().toLowerCase();
  return s.portal_name.trim() !== DEFAULT_PORTAL_NAME && address !== DEFAULT_SENDER_ADDRESS;
}

/**
 * The steps, each ticked from the data. Contacts: a member among the 50 newest contacts (the
 * list holds staff too; a new portal has far fewer than 50 of them). Resend is a step only
 * while email is captured, and it is done by connecting it, which removes it.
 */
export function useChecklist(enabled = true): Checklist {
  const captured = useSession().session.mail_captured === true;
  const settings = useQuery({ ...staffAdminQueries.settings(), enabled });
  const offers = useQuery({ ...catalogQueries.offers(true), enabled });
  const contacts = useQuery({
    queryKey: [...contactKeys.all, 'first-run'],
    queryFn: ({ signal }) => adminApi.contacts({ limit: 50 }, signal),
    enabled,
  });
  const all = [settings, offers, contacts];
  const failed = all.find((q) => q.error);
  let steps: Step[] | undefined;
  if (settings.data && offers.data && contacts.data) {
    steps = [
      { key: 'brand', done: brandDone(settings.data) },
      { key: 'offer', done: offers.data.items.length > 0 },
      { key: 'contacts', done: contacts.data.items.some((c) => c.role === 'member') },
    ];
    if (captured) steps.push({ key: 'resend', done: false });
  }
  return {
    steps,
    settings: settings.data,
    error: failed?.error ? toApiError(failed.error) : undefined,
    retry: () => all.filter((q) => q.error).forEach((q) => void q.refetch()),
  };
}
