import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { mailboxHtmlUrl } from '../../../api/admin';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/dates';
import { emailQueries } from '../queries/emails';
import { Breadcrumb, RecordPending } from '../RecordPending';
import { MailboxLinks } from './MailboxLinks';
import { linksIn } from './mailLinks';

const BACK = { to: '/admin/mailbox', label: 'Mailbox' };

export function MailboxMessagePage() {
  const { id = '' } = useParams();
  const message = useQuery(emailQueries.mailboxMessage(id));
  const m = message.data;
  if (!m) return <RecordPending query={message} back={BACK} title="Captured email" notFound="Email not found" loading="Loading the email…" />;
  const links = linksIn(m.text);

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
      {links.length > 0 && <MailboxLinks links={links} />}
      <section className="card section-card" aria-labelledby="text-title">
        <h2 id="text-title">Text version</h2>
        <pre className="mail-text">{m.text || '(no text part)'}</pre>
      </section>
      <section className="card section-card" aria-labelledby="html-title">
        <h2 id="html-title">HTML version</h2>
        {m.html ? (
          <>
            <p className="muted">
              Its links and buttons open in a new tab of this browser, where you are signed in as staff. To follow a member’s link as
              them, copy it from Links above into a private window.
            </p>
            {/* No scripts, no same-origin access; only a link may open, in a new tab (inside the frame it
                would load the portal, which refuses to be framed). The endpoint sends the same rules as
                its CSP, and its own styles apply. */}
            <iframe
              className="mail-html"
              sandbox="allow-popups allow-popups-to-escape-sandbox"
              src={mailboxHtmlUrl(m.id)}
              title={`HTML version of “${m.subject || 'the email'}”`}
            />
          </>
        ) : (
          <p className="muted">This email has no HTML part.</p>
        )}
      </section>
    </div>
  );
}
