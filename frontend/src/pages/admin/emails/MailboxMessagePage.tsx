import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { mailboxHtmlUrl } from '../../../api/admin';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/dates';
import { emailQueries } from '../queries/emails';
import { Breadcrumb, RecordPending } from '../RecordPending';

const BACK = { to: '/admin/mailbox', label: 'Mailbox' };

export function MailboxMessagePage() {
  const { id = '' } = useParams();
  const message = useQuery(emailQueries.mailboxMessage(id));
  const m = message.data;
  if (!m) return <RecordPending query={message} back={BACK} title="Captured email" notFound="Email not found" loading="Loading the email…" />;

  return (
    <div className="page page-wide">
      <Breadcrumb {...BACK} />
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
    </div>
  );
}
