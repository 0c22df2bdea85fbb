import { Link, useSearchParams } from 'react-router';
import { adminApi } from '../../../api/admin';
import { EmptyState, Loading } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { LoadMore } from '../../../components/LoadMore';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/dates';
import { usePagedList } from '../../../lib/usePagedList';
import { OutcomeBadge, requestKindLabel } from '../Badges';
import { DeskErrorAlert } from '../DeskAlerts';

export function RequestsPage() {
  const [params] = useSearchParams();
  const contactId = params.get('contact_id') ?? undefined;
  const requests = usePagedList((cursor, signal) => adminApi.accessRequests(contactId, cursor, signal), [contactId]);
  const items = requests.items;

  return (
    <div className="page page-wide">
      <div className="page-head">
        <PageHeading title="Access requests" />
        <Button variant="secondary" onClick={requests.reload} busy={requests.loading} busyLabel="Refreshing…">
          Refresh
        </Button>
      </div>
      <p className="muted">
        Every “Forgot password”, “Didn’t get your access email?” and new-link request, including addresses that have no account, and
        what the portal did about it.
      </p>
      {contactId && (
        <p>
          Showing the requests of <Link to={`/admin/contacts/${encodeURIComponent(contactId)}`}>one contact</Link>.{' '}
          <Link to="/admin/requests">Show all requests</Link>
        </p>
      )}
      {requests.loading && <Loading label="Loading requests…" />}
      {requests.error && <DeskErrorAlert error={requests.error} onRetry={requests.retry} />}
      {!requests.loading && !requests.error && items.length === 0 && <EmptyState title="No requests yet." />}
      {items.length > 0 && (
        <div className="table-wrap" role="region" aria-label="Access requests" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Request</th>
                <th scope="col">Email</th>
                <th scope="col">Outcome</th>
                <th scope="col">IP</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={requests} />
    </div>
  );
}
