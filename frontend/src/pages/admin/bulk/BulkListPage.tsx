import { Link } from 'react-router';
import { bulkApi } from '../../../api/bulk';
import { EmptyState, Loading } from '../../../components/Alert';
import { LoadMore } from '../../../components/LoadMore';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/dates';
import { usePagedList } from '../../../lib/usePagedList';
import { usePagedPolling } from '../../../lib/usePolling';
import { DeskErrorAlert } from '../DeskAlerts';
import { useCatalog } from '../useCatalog';
import { bulkActionLabel } from './bulkText';
import { JobStatusBadge } from '../Progress';

/** The bulk operations, newest first, a page at a time; follows the ones still running. */
export function BulkListPage() {
  const list = usePagedList((cursor, signal) => bulkApi.list(cursor, signal), []);
  const catalog = useCatalog();
  const items = list.items;
  usePagedPolling(
    list,
    items.some((o) => o.status === 'running'),
    3000,
  );

  return (
    <div className="page page-wide">
      <p className="breadcrumb">
        <Link to="/admin/contacts">Contacts</Link>
      </p>
      <PageHeading title="Bulk operations" />
      <p className="muted">Start one from Contacts: tick rows or filter the list, then “Bulk action…”.</p>
      {list.loading && <Loading label="Loading bulk operations…" />}
      {list.error && <DeskErrorAlert error={list.error} onRetry={list.retry} />}
      {!list.loading && !list.error && items.length === 0 && <EmptyState title="No bulk operations yet." />}
      {items.length > 0 && (
        <div className="table-wrap" role="region" aria-label="Bulk operations" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Progress
                </th>
                <th scope="col">Started</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => {
                const target = o.offer_id ? catalog.names.offer(o.offer_id) : o.community_id ? catalog.names.community(o.community_id) : '';
                return (
                  <tr key={o.id}>
                    <td>
                      <Link to={`/admin/bulk/${encodeURIComponent(o.id)}`}>{bulkActionLabel(o.action)}</Link>
                      {target && <p className="cell-note-plain">{target}</p>}
                    </td>
                    <td>
                      <JobStatusBadge status={o.status} />
                    </td>
                    <td className="num">
                      {o.done.toLocaleString()} of {o.total.toLocaleString()}
                    </td>
                    <td>
                      <time dateTime={o.created_at}>{formatDateTime(o.created_at)}</time>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} />
    </div>
  );
}
