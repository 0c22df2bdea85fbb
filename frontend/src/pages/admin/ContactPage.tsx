import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { adminApi, type ContactDetail } from '../../api/admin';
import { ApiErrorAlert, EmptyState, Loading } from '../../components/Alert';
import { Button } from '../../components/Button';
import { PageHeading } from '../../components/PageHeading';
import { formatDate, formatDateTime, formatRelative, isFuture } from '../../lib/dates';
import { roleLabel } from '../../lib/roles';
import { usePagedList } from '../../lib/usePagedList';
import { useResource } from '../../lib/useResource';
import { Badge } from './Badges';
import { EmailList } from './EmailList';
import { GrantOfferForm } from './GrantOfferForm';

export function ContactPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const contact = useResource((signal) => adminApi.contact(id, signal), [id]);
  const emails = usePagedList((cursor, signal) => adminApi.contactEmails(id, cursor, signal), [id]);
  const [granted, setGranted] = useState<string | null>(null);

  if (!contact.data) {
    return (
      <div className="page page-wide">
        <p className="breadcrumb">
          <Link to="/admin/contacts">Contacts</Link>
        </p>
        <PageHeading title={contact.error?.status === 404 ? 'Contact not found' : 'Contact'} />
        {contact.loading && <Loading label="Loading the contact…" />}
        {contact.error && <ApiErrorAlert error={contact.error} onRetry={contact.error.status === 404 ? undefined : contact.reload} />}
      </div>
    );
  }

  const c = contact.data;
  return (
    <div className="page page-wide">
      <p className="breadcrumb">
        <Link to="/admin/contacts">Contacts</Link>
      </p>
      <div className="contact-head">
        <PageHeading title={c.name || c.email} />
        <p className="contact-sub">
          <span className="cell-break">{c.email}</span>
          <Badge tone={c.role === 'member' ? 'neutral' : 'info'}>{roleLabel(c.role)}</Badge>
          {c.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}
        </p>
      </div>
      {created && !granted && <p className="alert alert-success">Contact created. Grant an offer to send the welcome email.</p>}

      <AccessStatus contact={c} />

      <section className="card section-card" aria-labelledby="offers-title">
        <h2 id="offers-title">Offers</h2>
        <div role="status">{granted && <p className="alert alert-success">{granted}</p>}</div>
        {c.offers.length === 0 ? (
          <p className="muted">No offers granted yet.</p>
        ) : (
          <ul className="grant-list">
            {c.offers.map((g) => (
              <li key={g.offer_id}>
                <span className="grant-name">{g.offer_name}</span>
                <span className="muted">
                  granted <time dateTime={g.granted_at}>{formatDate(g.granted_at)}</time>
                </span>
              </li>
            ))}
          </ul>
        )}
        <GrantOfferForm
          contact={c}
          onGranted={(message) => {
            setGranted(message);
            contact.reload();
            emails.reload();
          }}
        />
      </section>

      <section className="card section-card" aria-labelledby="emails-title">
        <div className="section-head">
          <h2 id="emails-title">Emails</h2>
          <Button variant="secondary" className="btn-small" onClick={emails.reload} busy={emails.loading} busyLabel="Refreshing…">
            Refresh
          </Button>
        </div>
        {emails.loading && emails.items.length === 0 && <Loading label="Loading emails…" />}
        {emails.error && <ApiErrorAlert error={emails.error} onRetry={emails.reload} />}
        {!emails.loading && !emails.error && emails.items.length === 0 && (
          <EmptyState title="No emails sent to this contact yet." />
        )}
        {emails.items.length > 0 && <EmailList emails={emails.items} />}
        {emails.hasMore && (
          <p className="load-more">
            <Button variant="secondary" busy={emails.loadingMore} busyLabel="Loading…" onClick={emails.loadMore}>
              Load more emails
            </Button>
          </p>
        )}
        <p className="section-foot">
          <Link to={`/admin/requests?contact_id=${encodeURIComponent(c.id)}`}>See this contact’s self-service requests</Link>
        </p>
      </section>
    </div>
  );
}

function AccessStatus({ contact: c }: { contact: ContactDetail }) {
  const locked = isFuture(c.locked_until);
  const hints: string[] = [];
  if (c.disabled) hints.push('The account is disabled: they cannot sign in and no access emails are sent.');
  if (locked) hints.push(`Sign-in is paused after repeated failed attempts until ${formatDateTime(c.locked_until)}. “Forgot password” still works.`);
  if (!c.last_login_at && !c.disabled) {
    hints.push(
      c.pending_links > 0
        ? `Never signed in, with ${c.pending_links === 1 ? 'an unused link' : `${c.pending_links} unused links`}. Check below whether the email was delivered.`
        : 'Never signed in and holds no unused link: grant an offer with its welcome email, or ask them to use “Didn’t get your access email?”.',
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
          <dt>Account</dt>
          <dd>{c.disabled ? 'Disabled' : 'Enabled'}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{formatDate(c.created_at)}</dd>
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
