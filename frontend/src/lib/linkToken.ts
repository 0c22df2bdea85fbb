// Emailed links carry their token in the URL fragment (/reset#token=…) so it never reaches a
// server log. The page reads it once, takes it out of the address bar (and so out of history),
// and keeps it in memory only.

export type LinkProblem = 'token_expired' | 'token_used' | 'token_invalid';

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

// The link that just failed, handed from the set-password page to the expired-link page in
// memory (not in history state, which the browser may keep on disk).
let failed: { token: string; problem: LinkProblem } | null = null;

export function holdFailedLink(token: string, problem: LinkProblem): void {
  failed = { token, problem };
}

export function heldFailedLink(): { token: string; problem: LinkProblem } | null {
  return failed;
}

export function forgetFailedLink(): void {
  failed = null;
}

export function isLinkProblem(code: string): code is LinkProblem {
  return code === 'token_expired' || code === 'token_used' || code === 'token_invalid';
}
