import { Link, useParams } from 'react-router';
import { adminApi, mailboxHtmlUrl } from '../../../api/admin';
import { Loading } from '../../../components/Alert';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/dates';
import { useResource } from '../../../lib/useResource';
import { DeskErrorAlert } from '../DeskAlerts';

export function MailboxMessagePage() {
  const { id = '' } = useParams();
  const message = useResource((signal) => adminApi.mailboxMessage(id, signal), [id]);
  const m = message.data;

  return (
    <div className="page page-wide">
      <p className="breadcrumb">
        <Link to="/admin/mailbox">Mailbox</Link>
      </p>
      {!m ? (
        <>
          <PageHeading title={message.error?.status === 404 ? 'Email not found' : 'Captured email'} />
          {message.loading && <Loading label="Loading the email…" />}
          {message.error && <DeskErrorAlert error={message.error} onRetry={message.reload} />}
        </>
      ) : (
        <>
          <PageHeading title={m.subject || '(no subject)'} />
          <dl className="meta-list">
            <div>
              <dt>From</dt>
              <dd className="cell-break">{m.from}</dd>
            </div>
            <div>
              <dt>To</dt>
              <dd className="cell-break">{m.to}</dd>
            </div>
            <div>
              <dt>Received</dt>
              <dd>
                <time dateTime={m.created_at}>{formatDateTime(m.created_at)}</time>
              </dd>
            </div>
          </dl>
          <section className="card section-card" aria-labelledby="text-title">
            <h2 id="text-title">Text version</h2>
            <p className="muted">Links are shown as text: copy one into the address bar (a private window keeps your staff session).</p>
            <pre className="mail-text">{m.text || '(no text part)'}</pre>
          </section>
          <section className="card section-card" aria-labelledby="html-title">
            <h2 id="html-title">HTML version</h2>
            {m.html ? (
              // sandbox="" : no scripts, no navigation, no same-origin access from the email's HTML. The
              // endpoint sends its own CSP, which lets the email's inline styles apply.
              <iframe className="mail-html" sandbox="" src={mailboxHtmlUrl(m.id)} title={`HTML version of “${m.subject || 'the email'}”`} />
            ) : (
              <p className="muted">This email has no HTML part.</p>
            )}
          </section>
        </>
      )}
    </div>
  );
}
