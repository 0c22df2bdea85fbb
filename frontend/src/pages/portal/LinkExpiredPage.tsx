import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { authApi } from '../../api/auth';
import { toApiError } from '../../api/client';
import { ErrorAlert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { CardPage } from '../../components/CardPage';
import { forgetFailedLink, heldFailedLink, isStaffSetupLink, type LinkProblem } from '../../lib/linkToken';
import { EmailRequestForm } from './EmailRequestForm';

type Problem = LinkProblem | 'unknown';

const TITLES: Record<Problem, string> = {
  token_expired: 'This link has expired',
  token_used: 'This link was already used',
  token_invalid: "This link isn't valid",
  code_invalid: 'This code no longer works',
  unknown: 'This link has expired or was already used',
};

const EXPLANATIONS: Record<Problem, string> = {
  token_expired: 'Links to choose a password only work for a limited time, and a newer link replaces older ones. This one no longer works.',
  token_used:
    'Each link to choose a password works only once, and a password was already chosen with this one: sign in with it. If that wasn’t you, reset your password now.',
  token_invalid: 'The link is incomplete or was changed. Check that you opened the whole link from the email, or ask for a new one below.',
  code_invalid:
    'The code was used, has expired, or was typed wrong too many times. The link in the same email may still work; otherwise ask for a new email below.',
  unknown: 'Links to choose a password work once and only for a limited time. The link you followed can no longer be used.',
};

// Where an expired, used or broken link lands, with one clear next step: "Sign in" when the
// link was used (a password was chosen with it), "Send me a new link" when the failed link is
// still in memory to name its account, else the forgot-password form. A staff set-up link
// (the owner's first-run link, a staff invitation) never offers email: on first run the
// Mailbox needs the very password the link was for.
export function LinkExpiredPage() {
  const [held] = useState(heldFailedLink);
  const problem: Problem = held?.problem ?? 'unknown';

  useEffect(() => () => forgetFailedLink(), []);

  if (held && isStaffSetupLink(held.state) && (problem === 'token_used' || problem === 'token_expired')) {
    return <StaffSetupLinkDead used={problem === 'token_used'} title={TITLES[problem]} />;
  }
  const token = problem === 'token_used' || problem === 'token_expired' ? held?.token : undefined;

  return (
    <CardPage title={TITLES[problem]}>
      <p className="lead">{EXPLANATIONS[problem]}</p>
      {problem === 'token_used' && (
        <p>
          <Link className="btn btn-primary btn-block" to="/login">
            Sign in
          </Link>
        </p>
      )}
      {token ? (
        <RenewLink token={token} primary={problem !== 'token_used'} />
      ) : (
        <section className="section" aria-labelledby="forgot-title">
          <h2 id="forgot-title">Get a new link by email</h2>
          <p>Enter the email address you use here and we'll send a link to choose a new password.</p>
          <EmailRequestForm submitLabel="Send reset link" busyLabel="Sending…" send={authApi.forgotPassword} />
        </section>
      )}
      <ul className="link-list">
        {problem !== 'token_used' && (
          <li>
            Already have a password? <Link to="/login">Sign in</Link>
          </li>
        )}
        {token && (
          <li>
            <Link to="/forgot-password">Forgot your password?</Link>
          </li>
        )}
      </ul>
      {!held?.state && (problem === 'token_expired' || problem === 'token_invalid' || problem === 'unknown') && <OwnerSetupHint />}
    </CardPage>
  );
}

/** "Send me a new link": a fresh link to the address of the account the failed one belonged to. */
function RenewLink({ token, primary }: { token: string; primary: boolean }) {
  const [renewing, setRenewing] = useState(false);
  const [renewed, setRenewed] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function renew() {
    if (renewing) return;
    setRenewing(true);
    setError(null);
    try {
      const res = await authApi.renewLink(token);
      setRenewed(res?.message || 'A new link is on its way to the email address of the account.');
      forgetFailedLink();
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setRenewing(false);
    }
  }

  return (
    <section className="section" aria-labelledby="renew-title">
      <h2 id="renew-title">Get a new link</h2>
      <p>We'll email a new link to the address of the account this link belongs to.</p>
      <div role="status">
        {renewed && (
          <div className="status-panel">
            <p className="status-panel-title">Check your email</p>
            <p>{renewed}</p>
            <p className="muted">It can take a few minutes to arrive. Look in your spam or junk folder too.</p>
          </div>
        )}
      </div>
      {error && <ErrorAlert>{error}</ErrorAlert>}
      {!renewed && (
        <Button variant={primary ? 'primary' : 'secondary'} className={primary ? 'btn-block' : undefined} onClick={renew} busy={renewing} busyLabel="Sending…">
          Send me a new link
        </Button>
      )}
    </section>
  );
}

const SETUP_STEPS = (
  <>
    <code>gatehouse</code> prints a fresh link every time it starts, until the owner's password is set: restart it and open the
    newest link it prints. <code>gatehouse admin create</code> makes another staff account.
  </>
);

/** The owner's first-run link or a staff invitation that no longer works: what to do instead. */
function StaffSetupLinkDead({ used, title }: { used: boolean; title: string }) {
  return (
    <CardPage title={title}>
      <p className="lead">
        {used ? 'A password was already chosen with this staff set-up link: sign in with it.' : 'This staff set-up link no longer works.'}
      </p>
      {used && (
        <p>
          <Link className="btn btn-primary btn-block" to="/login">
            Sign in
          </Link>
        </p>
      )}
      <section className="section" aria-labelledby="setup-title">
        <h2 id="setup-title">Setting up this portal as its owner?</h2>
        <p>{SETUP_STEPS}</p>
        <p>Invited as staff? Ask the person who invited you to send a new invitation.</p>
      </section>
      {!used && (
        <p className="back-link">
          <Link to="/login">Back to sign in</Link>
        </p>
      )}
    </CardPage>
  );
}

// A link this tab never saw working (opened dead, or this page reloaded): nothing says whose it
// was, so the owner's way back in on first run is one click away, out of members' way.
function OwnerSetupHint() {
  return (
    <details className="hint-details">
      <summary>Setting up this portal as its owner?</summary>
      <p>{SETUP_STEPS}</p>
    </details>
  );
}
