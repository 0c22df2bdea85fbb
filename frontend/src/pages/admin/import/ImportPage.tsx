import { Link } from 'react-router';
import { importsApi } from '../../../api/imports';
import { EmptyState, Loading } from '../../../components/Alert';
import { LoadMore } from '../../../components/LoadMore';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/dates';
import { usePagedList } from '../../../lib/usePagedList';
import { DeskErrorAlert } from '../DeskAlerts';
import { JobStatusBadge } from '../Progress';
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
  const list = usePagedList((cursor, signal) => importsApi.list(cursor, signal), []);
  const items = list.items;
  return (
    <section className="card section-card" aria-labelledby="recent-imports-title">
      <h2 id="recent-imports-title">Recent imports</h2>
      {list.loading && <Loading label="Loading imports…" />}
      {list.error && <DeskErrorAlert error={list.error} onRetry={list.retry} />}
      {!list.loading && !list.error && items.length === 0 && <EmptyState title="No imports yet." />}
      {items.length > 0 && (
        <div className="table-wrap" role="region" aria-label="Recent imports" tabIndex={0}>
          <table className="table table-dense">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Rows
                </th>
                <th scope="col">Uploaded</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} />
    </section>
  );
}
