import { useState } from 'react';
import { Link } from 'react-router';
import { adminApi, emailHtmlUrl, type EmailRecord } from '../../../api/admin';
import { Button } from '../../../components/Button';
import { formatDateTime } from '../../../lib/dates';
import { EmailStatusBadge, emailKindLabel, emailStatusLabel, useMailCaptured } from '../Badges';
import { ConfirmAction } from '../forms/ConfirmAction';
import { useConfirmedAction } from '../forms/useConfirmedAction';
import { emailKeys } from '../queries/emails';

/** Only these can be sent again (the server answers not_retryable for the rest). */
export const RETRYABLE = new Set(['failed', 'bounced', 'suppressed']);

/** Notices that carry no one-time link: a retry sends them as they were. */
const WITHOUT_LINK = new Set(['password_changed', 'sign_in_added']);

interface Props {
  emails: EmailRecord[];
  showRecipient?: boolean;
  /** Called with a message after a retry was queued. */
  onRetried: (message: string) => void;
}

/** Emails with their delivery timeline, Retry on a failed one, and what was sent (link masked). */
export function EmailList({ emails, showRecipient = false, onRetried }: Props) {
  const captured = useMailCaptured();
  const retry = useConfirmedAction({
    run: (e: EmailRecord) => adminApi.retryEmail(e.id),
    invalidates: [emailKeys.all],
    onDone: (_, e) => onRetried(`A new “${e.subject || 'email'}” to ${e.to} is queued.`),
  });
  const target = retry.target;
  const hasLink = target !== undefined && !WITHOUT_LINK.has(target.kind);

  return (
    <>
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
                  {captured ? 'Captured' : 'Sent'} <time dateTime={e.sent_at}>{formatDateTime(e.sent_at)}</time>
                </span>
              )}
              {e.attempts > 1 && <span>{e.attempts} attempts</span>}
            </p>
            {e.status_reason && <p className="email-reason">{e.status_reason}</p>}
            {e.events.length > 0 && (
              <ol className="timeline" aria-label={`Delivery timeline of “${e.subject || 'this email'}”`}>
                {e.events.map((ev, i) => (
                  <li key={i} className={`timeline-${ev.type}`}>
                    <time dateTime={ev.occurred_at}>{formatDateTime(ev.occurred_at)}</time>
                    <span className="timeline-type">{emailStatusLabel(ev.type, captured)}</span>
                    {ev.detail && <span className="timeline-detail">{ev.detail}</span>}
                  </li>
                ))}
              </ol>
            )}
            <div className="email-foot">
              <EmailPreview email={e} />
              {RETRYABLE.has(e.status) && (
                <Button variant="secondary" className="btn-small" onClick={() => retry.start(e)}>
                  Retry<span className="visually-hidden"> “{e.subject || 'this email'}”</span>
                </Button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <ConfirmAction action={retry} title="Retry this email?" confirmLabel="Retry email" busyLabel="Retrying…">
        <p>
          We’ll send “{target?.subject || 'this email'}” to <strong>{target?.to}</strong> again as a new email
          {hasLink ? ', with a fresh link; the old link stops working' : ''}. The failed one stays in the history.
        </p>
        {target?.status === 'suppressed' && (
          <p className="dialog-warning">The address was suppressed: unless it has been unsuppressed since, this one will be suppressed too.</p>
        )}
      </ConfirmAction>
    </>
  );
}

/** What was sent: the HTML in a sandboxed iframe (served with its own CSP) and the text part. */
function EmailPreview({ email: e }: { email: EmailRecord }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="email-preview" onToggle={(ev) => setOpen(ev.currentTarget.open)}>
      <summary>Show what was sent</summary>
      <div className="email-preview-body">
        <p className="muted">One-time links and codes are hidden.</p>
        {/* Loaded when opened. sandbox="" : no scripts, no navigation, no same-origin access from the email's HTML. */}
        {open && <iframe className="mail-html mail-html-small" sandbox="" src={emailHtmlUrl(e.id)} title={`HTML version of “${e.subject || 'the email'}”`} />}
        {e.preview && (
          <>
            <h4 className="preview-heading">Text version</h4>
            {/* Focusable: a long text scrolls, and keyboard users must be able to scroll it. */}
            <pre tabIndex={0} role="region" aria-label={`Text version of “${e.subject || 'the email'}”`}>
              {e.preview}
            </pre>
          </>
        )}
      </div>
    </details>
  );
}
