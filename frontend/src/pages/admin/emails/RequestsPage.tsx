import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/Alert';
import { formatDateTime } from '../../../lib/dates';
import { OutcomeBadge, requestKindLabel } from '../Badges';
import { ListFooter, ListStatus } from '../ListStatus';
import { emailQueries } from '../queries/emails';
import { usePagedQuery } from '../queries/paged';
import { RefreshHead } from '../RefreshHead';
import { TableRegion } from '../TableRegion';

export function RequestsPage() {
  const [params] = useSearchParams();
  const contactId = params.get('contact_id') ?? undefined;
  const requests = usePagedQuery(emailQueries.requests(contactId));
  const items = requests.items;

  return (
    <div className="page page-wide">
      <RefreshHead title="Access requests" list={requests} />
      <p className="muted">
        Every “Forgot password”, “Didn’t get your access email?”, sign-in code and new-link request, including addresses that have no
        account, and what the portal did about it.
      </p>
      {contactId && (
        <p>
          Showing the requests of <Link to={`/admin/contacts/${encodeURIComponent(contactId)}`}>one contact</Link>.{' '}
          <Link to="/admin/requests">Show all requests</Link>
        </p>
      )}
      <ListStatus state={requests} count={items.length} loading="Loading requests…" empty={<EmptyState title="No requests yet." />} />
      {items.length > 0 && (
        <TableRegion label="Access requests" columns={['When', 'Request', 'Email', 'Outcome', 'IP']}>
          {items.map((r) => (
            <tr key={r.id}>
              <td>
                <time dateTime={r.created_at}>{formatDateTime(r.created_at)}</time>
              </td>
              <td>{requestKindLabel(r.kind)}</td>
              <td className="cell-break">
                {r.contact_id ? <Link to={`/admin/contacts/${encodeURIComponent(r.contact_id)}`}>{r.email}</Link> : r.email}
              </td>
              <td>
                <OutcomeBadge outcome={r.outcome} />
              </td>
              <td>{r.ip || '—'}</td>
            </tr>
          ))}
        </TableRegion>
      )}
      <ListFooter list={requests} />
    </div>
  );
}
