import { Link } from 'react-router';
import { EmptyState } from '../../../components/Alert';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/dates';
import { ListFooter, ListStatus } from '../ListStatus';
import { JobStatusBadge } from '../Progress';
import { jobQueries } from '../queries/jobs';
import { usePagedQuery } from '../queries/paged';
import { TableRegion } from '../TableRegion';
import { ImportForm } from './ImportForm';

/** Import contacts from a CSV file (admin and owner), and the imports made so far. */
export function ImportPage() {
  return (
    <div className="page page-wide">
      <PageHeading title="Import contacts" />
      <p className="muted">
        Bring contacts in from a spreadsheet: match its columns, choose what everyone gets, check it with a dry run, then import. Each row is
        imported whole or not at all, and a report lists every row. The same works from the command line (<code>gatehouse import</code>).
      </p>
      <ImportForm />
      <RecentImports />
    </div>
  );
}

function RecentImports() {
  const list = usePagedQuery(jobQueries.importList());
  const items = list.items;
  return (
    <section className="card section-card" aria-labelledby="recent-imports-title">
      <h2 id="recent-imports-title">Recent imports</h2>
      <ListStatus state={list} count={items.length} loading="Loading imports…" empty={<EmptyState title="No imports yet." />} />
      {items.length > 0 && (
        <TableRegion label="Recent imports" className="table-dense" columns={['File', 'Status', { label: 'Rows', className: 'num' }, 'Uploaded']}>
          {items.map((im) => (
            <tr key={im.id}>
              <td className="cell-break">
                <Link to={`/admin/import/${encodeURIComponent(im.id)}`}>{im.filename}</Link>
              </td>
              <td>
                <JobStatusBadge status={im.status} />
              </td>
              <td className="num">{im.total.toLocaleString()}</td>
              <td>
                <time dateTime={im.created_at}>{formatDateTime(im.created_at)}</time>
              </td>
            </tr>
          ))}
        </TableRegion>
      )}
      <ListFooter list={list} />
    </section>
  );
}
