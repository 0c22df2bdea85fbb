import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { authApi, type Session } from '../api/auth';
import { onSessionProblem, setCsrfToken, toApiError, type ApiError } from '../api/client';
import { Button } from '../components/Button';
import { applyBrand } from './brand';
import { isStaff } from './roles';

export interface SessionValue {
  session: Session;
  /** Re-reads the session from the server (and with it the CSRF token). */
  refresh: () => Promise<Session>;
  /** Takes a session body the server just answered (login, reset-password). */
  adopt: (s: Session) => void;
  signOut: () => Promise<void>;
  /** True after this tab signed out (until someone signs in again). */
  signedOut: boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The session when inside a provider, or null (components that also render standalone). */
export function useOptionalSession(): SessionValue | null {
  return useContext(SessionContext);
}

export function isSignedIn(s: Session): boolean {
  return s.authenticated && Boolean(s.contact);
}

export function sessionIsStaff(s: Session): boolean {
  return isSignedIn(s) && isStaff(s.contact?.role);
}

/** Where a freshly signed-in user lands when no ?next= says otherwise. */
export function homeFor(s: Session): string {
  if (s.must_change_password) return '/choose-password';
  return sessionIsStaff(s) ? '/admin' : '/offers';
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [signedOut, setSignedOut] = useState(false);

  const adopt = useCallback((s: Session) => {
    setCsrfToken(s.csrf_token);
    setSession(s);
    if (s.authenticated) setSignedOut(false);
  }, []);

  const refresh = useCallback(async () => {
    const s = await authApi.session();
    adopt(s);
    return s;
  }, [adopt]);

  useEffect(() => {
    let live = true;
    setError(null);
    authApi.session().then(
      (s) => live && adopt(s),
      (err: unknown) => live && setError(toApiError(err)),
    );
    return () => {
      live = false;
    };
  }, [adopt, attempt]);

  // A 401/403 from any call means the session changed under us: re-read it and let the
  // route guards send the user where they belong.
  useEffect(() => {
    onSessionProblem(() => {
      refresh().catch(() => undefined);
    });
    return () => onSessionProblem(null);
  }, [refresh]);

  const primary = session?.primary_color;
  useEffect(() => {
    applyBrand(primary || '#4338ca');
  }, [primary]);

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
      setSignedOut(true);
    } finally {
      await refresh().catch(() => {
        setCsrfToken(null);
        setSession((s) => (s ? { ...s, authenticated: false, contact: undefined, csrf_token: undefined, must_change_password: false } : s));
      });
    }
  }, [refresh]);

  const value = useMemo(
    () => (session ? { session, refresh, adopt, signOut, signedOut } : null),
    [session, refresh, adopt, signOut, signedOut],
  );

  if (!value) {
    return (
      <main id="main" className="boot">
        {error ? (
          <div className="card boot-card">
            <h1>The portal could not load</h1>
            <p role="alert">{error.message}</p>
            <Button onClick={() => setAttempt((n) => n + 1)}>Try again</Button>
          </div>
        ) : (
          <p role="status" className="loading">
            <span className="spinner" aria-hidden="true" /> Loading…
          </p>
        )}
      </main>
    );
  }
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
