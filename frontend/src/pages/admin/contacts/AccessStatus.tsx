import type { ContactDetail } from '../../../api/admin';
import { formatDate, formatDateTime, formatRelative, isFuture } from '../../../lib/dates';
import { reasonText } from './record';

function passwordState(c: ContactDetail): string {
  if (c.password_set === false) return 'Not set yet';
  if (c.password_temporary) return 'Temporary';
  return c.password_set ? 'Set' : '—';
}

/** Why the member can or cannot get in, at a glance. */
export function AccessStatus({ contact: c }: { contact: ContactDetail }) {
  const locked = isFuture(c.locked_until);
  const suppression = c.suppression ?? null;
  const hints: string[] = [];
  if (c.disabled) hints.push('The account is disabled: they cannot sign in and no access emails are sent.');
  if (locked) hints.push(`Sign-in is paused after repeated failed attempts until ${formatDateTime(c.locked_until)}. “Forgot password” still works.`);
  if (suppression) {
    hints.push(
      `Email to this address is suppressed since ${formatDate(suppression.created_at)}: ${reasonText(suppression.reason)}. Nothing we send reaches them: copy a link to send another way, or unsuppress once the address works again.`,
    );
  }
  if (c.password_temporary) {
    hints.push('They have a temporary password set by staff: it only lets them choose their own, and stops working 24 hours after it was set.');
  }
  if (!c.last_login_at && !c.disabled) {
    hints.push(
      c.pending_links > 0
        ? `Never signed in, with ${c.pending_links === 1 ? 'an unused link' : `${c.pending_links} unused links`}. Check below whether the email was delivered.`
        : 'Never signed in and holds no unused link: resend an offer’s welcome email, copy an access link, or ask them to use “Didn’t get your access email?”.',
    );
  }

  return (
    <section className="card section-card" aria-labelledby="access-title">
      <h2 id="access-title">Access status</h2>
      <dl className="stats">
        <div>
          <dt>Last sign-in</dt>
          <dd>
            {c.last_login_at ? (
              <time dateTime={c.last_login_at} title={formatDateTime(c.last_login_at)}>
                {formatRelative(c.last_login_at)}
              </time>
            ) : (
              'Never signed in'
            )}
          </dd>
        </div>
        <div>
          <dt>Failed sign-ins</dt>
          <dd>
            {c.failed_logins}
            {locked && <span className="stat-note">paused until {formatDateTime(c.locked_until)}</span>}
          </dd>
        </div>
        <div>
          <dt>Active sessions</dt>
          <dd>{c.active_sessions}</dd>
        </div>
        <div>
          <dt>Pending links</dt>
          <dd>{c.pending_links}</dd>
        </div>
        <div>
          <dt>Password</dt>
          <dd>{passwordState(c)}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>
            {suppression ? 'Suppressed' : 'Deliverable'}
            {suppression && <span className="stat-note">since {formatDate(suppression.created_at)}</span>}
          </dd>
        </div>
        <div>
          <dt>Account</dt>
          <dd>{c.disabled ? 'Disabled' : 'Enabled'}</dd>
        </div>
      </dl>
      {hints.length > 0 && (
        <ul className="hints">
          {hints.map((h) => (
            <li key={h}>{h}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
