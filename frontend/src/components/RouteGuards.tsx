import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { loginPathFor } from '../lib/nextPath';
import { isSignedIn, sessionIsStaff, useSession } from '../lib/session';
import { CardPage } from './CardPage';

/**
 * Signed-in users only; anonymous visitors go to the sign-in page and come back afterwards.
 * A session that must first replace a temporary password is held at /choose-password.
 */
export function RequireAuth({ children, allowPasswordChange = false }: { children: ReactNode; allowPasswordChange?: boolean }) {
  const { session, signedOut } = useSession();
  const location = useLocation();
  if (!isSignedIn(session)) {
    // After "Sign out" go to a plain sign-in page; otherwise come back here after signing in.
    if (signedOut) return <Navigate to="/login" state={{ signedOut: true }} replace />;
    return <Navigate to={loginPathFor(location.pathname + location.search)} replace />;
  }
  if (session.must_change_password && !allowPasswordChange) {
    return <Navigate to="/choose-password" replace />;
  }
  return <>{children}</>;
}

/** Staff only. Checked here so members never even download the admin code. */
export function RequireStaff({ children }: { children: ReactNode }) {
  const { session } = useSession();
  if (!sessionIsStaff(session)) return <NotAllowedPage />;
  return <>{children}</>;
}

export function NotAllowedPage() {
  return (
    <CardPage title="You don't have access to this page">
      <p>This part of the portal is for staff. If you think you should have access, ask the person who runs this portal.</p>
      <p>
        <Link to="/offers">Go to my offers</Link>
      </p>
    </CardPage>
  );
}
