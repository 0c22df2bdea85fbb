import { useState } from 'react';
import { Link } from 'react-router';
import { adminApi } from '../../../api/admin';
import { EmptyState, Loading } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { LoadMore } from '../../../components/LoadMore';
import { TextField } from '../../../components/Field';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/dates';
import { useDebouncedValue } from '../../../lib/useDebouncedValue';
import { usePagedList } from '../../../lib/usePagedList';
import { DeskErrorAlert } from '../DeskAlerts';

export function MailboxPage() {
  const [to, setTo] = useState('');
  const recipient = useDebouncedValue(to.trim(), 300);
  const mailbox = usePagedList((cursor, signal) => adminApi.mailbox(recipient, cursor, signal), [recipient]);
  const items = mailbox.items;

  return (
    <div className="page page-wide">
      <div className="page-head">
        <PageHeading title="Mailbox" />
        <Button variant="secondary" onClick={mailbox.reload} busy={mailbox.loading} busyLabel="Refreshing…">
          Refresh
        </Button>
      </div>
      <p className="muted">
        Without a Resend API key the portal delivers nothing: every email is captured here instead, links included, so you can test
        the flows locally.
      </p>
      <div role="search" className="toolbar">
        <TextField label="Recipient" hint="Show emails to this address only." type="search" name="to" autoComplete="off" spellCheck={false} value={to} onValueChange={setTo} />
      </div>
      {mailbox.loading && <Loading label="Loading the mailbox…" />}
      {mailbox.error && <DeskErrorAlert error={mailbox.error} onRetry={mailbox.retry} />}
      {!mailbox.loading && !mailbox.error && items.length === 0 && (
        <EmptyState title={recipient ? `No captured emails to “${recipient}”.` : 'The mailbox is empty.'}>
          <p>Emails appear here a moment after they are sent, when no Resend API key is configured.</p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <div className="table-wrap" role="region" aria-label="Captured emails" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Received</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <td className="cell-break">{m.to}</td>
                  <td>
                    <Link to={`/admin/mailbox/${encodeURIComponent(m.id)}`}>{m.subject || '(no subject)'}</Link>
                  </td>
                  <td>
                    <time dateTime={m.created_at}>{formatDateTime(m.created_at)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={mailbox} />
    </div>
  );
}
