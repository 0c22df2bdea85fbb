import { Link } from 'react-router';
import type { EmailRecord } from '../../api/admin';
import { formatDateTime } from '../../lib/dates';
import { EmailStatusBadge, emailKindLabel, emailStatusLabel } from './Badges';

/** Emails with their delivery timeline and a masked preview of what was sent. */
export function EmailList({ emails, showRecipient = false }: { emails: EmailRecord[]; showRecipient?: boolean }) {
  return (
    <ul className="email-list">
      {emails.map((e) => (
        <li key={e.id} className="email-item">
          <div className="email-head">
            <h3 className="email-subject">{e.subject || '(no subject)'}</h3>
            <EmailStatusBadge status={e.status} />
          </div>
          <p className="email-meta">
            <span>{emailKindLabel(e.kind)}</span>
            <span>
              To{' '}
              {showRecipient && e.contact_id ? <Link to={`/admin/contacts/${encodeURIComponent(e.contact_id)}`}>{e.to}</Link> : e.to}
            </span>
            <span>
              Created <time dateTime={e.created_at}>{formatDateTime(e.created_at)}</time>
            </span>
            {e.sent_at && (
              <span>
                Sent <time dateTime={e.sent_at}>{formatDateTime(e.sent_at)}</time>
              </span>
            )}
            {e.attempts > 1 && <span>{e.attempts} attempts</span>}
          </p>
          {e.status_reason && <p className="email-reason">{e.status_reason}</p>}
          {e.events.length > 0 && (
            <ol className="timeline" aria-label={`Delivery timeline of “${e.subject || 'this email'}”`}>
              {e.events.map((ev, i) => (
                <li key={i}>
                  <time dateTime={ev.occurred_at}>{formatDateTime(ev.occurred_at)}</time>
                  <span className="timeline-type">{emailStatusLabel(ev.type)}</span>
                  {ev.detail && <span className="timeline-detail">{ev.detail}</span>}
                </li>
              ))}
            </ol>
          )}
          {e.preview && (
            <details className="email-preview">
              <summary>Show what was sent</summary>
              <pre>{e.preview}</pre>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
