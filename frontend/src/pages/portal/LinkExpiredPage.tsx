import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { authApi } from '../../api/auth';
import { toApiError } from '../../api/client';
import { ErrorAlert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { PageHeading } from '../../components/PageHeading';
import { forgetFailedLink, heldFailedLink, type LinkProblem } from '../../lib/linkToken';
import { EmailRequestForm } from './EmailRequestForm';

const TITLES: Record<LinkProblem | 'unknown', string> = {
  token_expired: 'This link has expired',
  token_used: 'This link was already used',
  token_invalid: "This link isn't valid",
  unknown: 'This link has expired or was already used',
};

const EXPLANATIONS: Record<LinkProblem | 'unknown', string> = {
  token_expired: 'Links to choose a password only work for a limited time, and a newer link replaces older ones. This one no longer works.',
  token_used: 'Each link to choose a password works only once, and this one has already been used. If that wasn’t you, reset your password now.',
  token_invalid: 'The link is incomplete or was changed. Check that you opened the whole link from the email, or ask for a new one below.',
  unknown: 'Links to choose a password work once and only for a limited time. The link you followed can no longer be used.',
};

// Where an expired, used or broken link lands. With the failed link still in memory it can ask
// for a fresh one for the link's owner; otherwise (or as well) the forgot-password form.
export function LinkExpiredPage() {
  const [held] = useState(heldFailedLink);
  const [renewing, setRenewing] = useState(false);
  const [renewed, setRenewed] = useState<string | null>(null);
  const [renewError, setRenewError] = useState<string | null>(null);
  const problem = held?.problem ?? 'unknown';
  const canRenew = held !== null && problem !== 'token_invalid';

  useEffect(() => () => forgetFailedLink(), []);

  async function renew() {
    if (!held || renewing) return;
    setRenewing(true);
    setRenewError(null);
    try {
      const res = await authApi.renewLink(held.token);
      setRenewed(res?.message || 'A new link is on its way to the email address of the account.');
      forgetFailedLink();
    } catch (err) {
      setRenewError(toApiError(err).message);
    } finally {
      setRenewing(false);
    }
  }

  return (
    <div className="page page-narrow">
      <div className="card">
        <PageHeading title={TITLES[problem]} />
        <p className="lead">{EXPLANATIONS[problem]}</p>
        {canRenew && (
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
            {renewError && <ErrorAlert>{renewError}</ErrorAlert>}
            {!renewed && (
              <Button onClick={renew} busy={renewing} busyLabel="Sending…">
                Send me a new link
              </Button>
            )}
          </section>
        )}
        <section className="section" aria-labelledby="forgot-title">
          <h2 id="forgot-title">{canRenew ? 'Or reset your password by email' : 'Get a new link by email'}</h2>
          <p>Enter the email address you use here and we'll send a link to choose a new password.</p>
          <EmailRequestForm submitLabel="Send reset link" busyLabel="Sending…" send={authApi.forgotPassword} />
        </section>
        <p className="back-link">
          <Link to="/login">Back to sign in</Link>
        </p>
      </div>
    </div>
  );
}
