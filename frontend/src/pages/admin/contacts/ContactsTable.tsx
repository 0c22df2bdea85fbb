import { Link } from 'react-router';
import type { ContactSummary } from '../../../api/admin';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { roleLabel } from '../../../lib/roles';
import { Badge, ContactStatusBadge } from '../Badges';

export function ContactsTable({ contacts, label = 'Contacts' }: { contacts: ContactSummary[]; label?: string }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Status</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {contacts.map((c) => (
            <tr key={c.id}>
              <td>
                <Link to={`/admin/contacts/${encodeURIComponent(c.id)}`}>{c.name || c.email}</Link>
                {c.role !== 'member' && <Badge tone="info">{roleLabel(c.role)}</Badge>}
              </td>
              <td className="cell-break">{c.email}</td>
              <td>
                <ContactStatusBadge status={c.status ?? (c.disabled ? 'disabled' : c.last_login_at ? 'active' : 'invited')} />
              </td>
              <td>
                {c.last_login_at ? (
                  <time dateTime={c.last_login_at}>{formatDateTime(c.last_login_at)}</time>
                ) : (
                  <span className="muted">Never signed in</span>
                )}
              </td>
              <td>
                <time dateTime={c.created_at}>{formatDate(c.created_at)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
