import type { LinkKey, LinkState } from '../api/auth';
import { MIN_STAFF_PASSWORD } from './passwordLength';

// Emailed links carry their token in the URL fragment (/reset#token=…) so it never reaches a
// server log. The page takes it out of the address bar at once (so it is not in history, nor in
// an address someone copies) and keeps it in this tab's sessionStorage for the page's life.
//
// Why sessionStorage and not memory only, as first written: in memory, a reload of the page lost
// the token and said "this link has expired" about a link that still works. On first run that
// was a dead end: the owner's printed link is the only way in, and "email me a new link" lands in
// a Mailbox that needs the very password being set. sessionStorage belongs to this tab only, is
// never sent to the server, and is gone when the tab closes; the page also removes the link as
// soon as it is used or left. A script able to read it could read the page's memory as well (the
// CSP lets only our own scripts run), so the token is no more exposed than before.
//
// The code typed from an email ("Have a code from an email?") is kept the same way, with its
// address: it names the same link.

export type LinkProblem = 'token_expired' | 'token_used' | 'token_invalid' | 'code_invalid';

const STORAGE_KEY = 'gatehouse.link';

export interface KeptLink {
  key: LinkKey;
  /** What the last successful check said about the link, to explain a failure later. */
  state?: LinkState;
}

export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  return token ? token.trim() : null;
}

/** Removes the fragment from the address bar without adding a history entry. */
export function removeHashFromAddressBar(): void {
  if (!window.location.hash) return;
  const { pathname, search } = window.location;
  // Keep the router's state object so back/forward still work.
  window.history.replaceState(window.history.state, '', pathname + search);
}

function isLinkKey(v: unknown): v is LinkKey {
  if (typeof v !== 'object' || v === null) return false;
  const k = v as Record<string, unknown>;
  return typeof k.token === 'string' ? k.token !== '' : typeof k.email === 'string' && typeof k.code === 'string';
}

// Storage can be switched off or full: the page then works as before, in memory only.
function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** The link this tab is working with, or null. */
export function keptLink(): KeptLink | null {
  try {
    const raw = storage()?.getItem(STORAGE_KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as { key?: unknown; state?: LinkState };
    return isLinkKey(v.key) ? { key: v.key, state: v.state } : null;
  } catch {
    return null;
  }
}

/** Keeps the link (and what its check said, when known) for this page's life in this tab. */
export function keepLink(key: LinkKey, state?: LinkState): void {
  try {
    storage()?.setItem(STORAGE_KEY, JSON.stringify({ key, state }));
  } catch {
    // Not kept: a reload then finds no link, as before.
  }
}

export function forgetLink(): void {
  try {
    storage()?.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was kept.
  }
}

/** The link a freshly opened page works with: the address's token, else this tab's kept link. */
export function linkForPage(hash: string): KeptLink | null {
  const token = tokenFromHash(hash);
  if (token) {
    const kept = keptLink();
    // A reload of the same link keeps what its check said; another link starts afresh.
    const same = kept && 'token' in kept.key && kept.key.token === token;
    const link = { key: { token }, state: same ? kept.state : undefined };
    keepLink(link.key, link.state);
    return link;
  }
  return keptLink();
}

/**
 * A set-password link for a staff account: the owner's first-run link (printed by `gatehouse`)
 * or a staff invitation. Staff need 15 characters, members 12: that is how check-link says so.
 */
export function isStaffSetupLink(state: LinkState | undefined): boolean {
  return state?.purpose === 'set_password' && state.min_password_length >= MIN_STAFF_PASSWORD;
}

// The link that just failed, handed from the set-password page to the expired-link page in
// memory: the expired page is not reloaded into a working link, so it need not survive one.
export interface FailedLink {
  problem: LinkProblem;
  /** Only a link's token can ask for a fresh link; a code cannot. */
  token?: string;
  state?: LinkState;
}

let failed: FailedLink | null = null;

export function holdFailedLink(link: FailedLink): void {
  failed = link;
}

export function heldFailedLink(): FailedLink | null {
  return failed;
}

export function forgetFailedLink(): void {
  failed = null;
}

export function isLinkProblem(code: string): code is LinkProblem {
  return code === 'token_expired' || code === 'token_used' || code === 'token_invalid';
}

/** A code that does not (or no longer) open a link: wrong, used, expired or tried too often. */
export function isCodeProblem(code: string): boolean {
  return code === 'invalid_code' || code === 'code_dead';
}
