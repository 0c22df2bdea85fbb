import { Link } from 'react-router';
import type { BulkOperation } from '../../../api/bulk';
import { EmptyState } from '../../../components/Alert';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/dates';
import { ListFooter, ListStatus } from '../ListStatus';
import { JobStatusBadge } from '../Progress';
import { jobQueries } from '../queries/jobs';
import { usePagedQuery } from '../queries/paged';
import { TableRegion } from '../TableRegion';
import { useCatalog } from '../useCatalog';
import { bulkActionLabel } from './bulkText';

/** While an operation in the list runs, the list is read again this often. */
const followRunning = (ops: BulkOperation[]) => (ops.some((o) => o.status === 'running') ? 3000 : false);

/** The bulk operations, newest first, a page at a time; follows the ones still running. */
export function BulkListPage() {
  const list = usePagedQuery(jobQueries.bulkList(), followRunning);
  const catalog = useCatalog();
  const items = list.items;

  return (
    <div className="page page-wide">
      <p className="breadcrumb">
        <Link to="/admin/contacts">Contacts</Link>
      </p>
      <PageHeading title="Bulk operations" />
      <p className="muted">Start one from Contacts: tick rows or filter the list, then “Bulk action…”.</p>
      <ListStatus state={list} count={items.length} loading="Loading bulk operations…" empty={<EmptyState title="No bulk operations yet." />} />
      {items.length > 0 && (
        <TableRegion label="Bulk operations" columns={['Action', 'Status', { label: 'Progress', className: 'num' }, 'Started']}>
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
                  {o.status === 'stopped' && o.stop_reason && <p className="cell-note-plain">Stopped: {o.stop_reason}.</p>}
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
        </TableRegion>
      )}
      <ListFooter list={list} />
    </div>
  );
}
