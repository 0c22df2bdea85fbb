import { useState } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { isHttpUrl } from '../lib/safeUrl';
import { isSignedIn, sessionIsStaff, useSession } from '../lib/session';
import { toApiError } from '../api/client';
import { Button } from './Button';

export function TopBar() {
  const { session, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const signedIn = isSignedIn(session);
  const showNav = signedIn && !session.must_change_password;
  const logo = isHttpUrl(session.logo_url) || session.logo_url.startsWith('/') ? session.logo_url : '';

  async function onSignOut() {
    setBusy(true);
    setError(null);
    try {
      await signOut();
      navigate('/login', { state: { signedOut: true } });
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <header className="topbar">
      <div className="topbar-inner">
        <Link to="/" className="topbar-brand">
          {logo && <img src={logo} alt="" className="topbar-logo" />}
          <span>{session.portal_name || 'Gatehouse'}</span>
        </Link>
        {showNav && (
          <nav aria-label="Main" className="topbar-nav">
            <NavLink to="/offers">My offers</NavLink>
            <NavLink to="/communities">My communities</NavLink>
            <NavLink to="/account">Account</NavLink>
            {sessionIsStaff(session) && <NavLink to="/admin">Admin</NavLink>}
          </nav>
        )}
        <div className="topbar-user">
          {signedIn ? (
            <>
              <span className="topbar-who" title={session.contact?.email}>
                {session.contact?.name || session.contact?.email}
              </span>
              <Button variant="quiet" className="topbar-signout" busy={busy} busyLabel="Signing out…" onClick={onSignOut}>
                Sign out
              </Button>
            </>
          ) : (
            location.pathname !== '/login' && (
              <Link to="/login" className="topbar-signin">
                Sign in
              </Link>
            )
          )}
        </div>
      </div>
      {error && (
        <div role="alert" className="topbar-error">
          {error}
        </div>
      )}
    </header>
  );
}
