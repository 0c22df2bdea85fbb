// Where to go after signing in. Only same-origin paths are honoured: a path starting with one
// "/" (never "//" or "/\", which browsers treat as another host), without control characters.

const FALLBACK_EXCLUDED = ['/login', '/choose-password'];

export function safeNextPath(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 2000) return null;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, 'https://portal.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'https://portal.invalid') return null;
  if (FALLBACK_EXCLUDED.includes(url.pathname)) return null;
  return url.pathname + url.search + url.hash;
}

/** The sign-in page address that brings the user back to path afterwards. */
export function loginPathFor(path: string): string {
  const next = safeNextPath(path);
  return next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login';
}

// Steps of an app's sign-in that the server runs (Sign in with Gatehouse, forward-auth): after
// signing in the browser loads them from the server, not as a page of this app.
const SERVER_STEPS = ['/oauth/', '/forward-auth/'];

export function isServerStep(path: string | null): path is string {
  return !!path && SERVER_STEPS.some((p) => path.startsWith(p));
}

/** Goes to where the sign-in was headed: a server step by a full page load, else in the app. */
export function continueTo(path: string, navigate: (to: string, opts: { replace: boolean }) => void): void {
  if (isServerStep(path)) window.location.assign(path);
  else navigate(path, { replace: true });
}
