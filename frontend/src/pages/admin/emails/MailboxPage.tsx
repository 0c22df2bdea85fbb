import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/Alert';
import { formatDateTime } from '../../../lib/dates';
import { useDebouncedValue } from '../../../lib/useDebouncedValue';
import { ListFooter, ListStatus } from '../ListStatus';
import { emailQueries } from '../queries/emails';
import { usePagedQuery } from '../queries/paged';
import { RefreshHead } from '../RefreshHead';
import { SearchField } from '../SearchField';
import { TableRegion } from '../TableRegion';

export function MailboxPage() {
  const [to, setTo] = useState('');
  const recipient = useDebouncedValue(to.trim(), 300);
  const mailbox = usePagedQuery(emailQueries.mailbox(recipient));
  const items = mailbox.items;

  return (
    <div className="page page-wide">
      <RefreshHead title="Mailbox" list={mailbox} />
      <p className="muted">
        Without a Resend API key the portal delivers nothing: every email is captured here instead, links included, so you can test
        the flows locally.
      </p>
      <div role="search" className="toolbar">
        <SearchField label="Recipient" hint="Show emails to this address only." name="to" value={to} onValueChange={setTo} />
      </div>
      <ListStatus
        state={mailbox}
        count={items.length}
        loading="Loading the mailbox…"
        empty={
          <EmptyState title={recipient ? `No captured emails to “${recipient}”.` : 'The mailbox is empty.'}>
            <p>Emails appear here a moment after they are sent, when no Resend API key is configured.</p>
          </EmptyState>
        }
      />
      {items.length > 0 && (
        <TableRegion label="Captured emails" columns={['To', 'Subject', 'Received']}>
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
        </TableRegion>
      )}
      <ListFooter list={mailbox} />
    </div>
  );
}
