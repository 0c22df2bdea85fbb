import { importReportUrl, importsApi, type ImportRecord } from '../../../api/imports';
import { ListFooter, ListStatus } from '../ListStatus';
import { pagedQuery, usePagedQuery } from '../queries/paged';
import { TableRegion } from '../TableRegion';
import { rowsText } from './importText';

const PROBLEM_LABELS: Record<string, string> = {
  invalid: 'Invalid',
  duplicate: 'Duplicate in the file',
  failed: 'Failed',
};

/** How many rows of the import cannot be imported (or were not). */
export function problemCount(im: ImportRecord): number {
  const c = im.counts ?? {};
  return (c.invalid ?? 0) + (c.duplicate ?? 0) + (c.failed ?? 0);
}

/**
 * The rows that cannot be imported, with why: the first 50 on the page, more on request, all of
 * them in the CSV report. Read once the dry run (or the run) has finished; read again when its
 * status changes.
 */
export function ImportProblems({ im }: { im: ImportRecord }) {
  const count = problemCount(im);
  // Apart from the import's own key, which its polling cancels and replaces.
  const problems = usePagedQuery(pagedQuery(['imports', 'problems', im.id, im.status], (cursor, signal) => importsApi.problems(im.id, cursor, signal)));
  const items = problems.items;
  return (
    <section className="card section-card" aria-labelledby="import-problems-title">
      <h2 id="import-problems-title">Rows that cannot be imported</h2>
      <p className="muted">
        {rowsText(count)} {im.dry_run ? 'will be skipped' : 'were not imported'}. Fix them in the file and import it again; rows already in
        Gatehouse are updated, not repeated. {count > items.length && items.length > 0 ? `The first ${items.length} are shown; ` : ''}
        <a href={importReportUrl(im.id)} download>
          the CSV report lists every row
        </a>
        .
      </p>
      <ListStatus state={problems} count={items.length} loading="Loading the rows…" empty={<p className="muted">No row to show.</p>} />
      {items.length > 0 && (
        <TableRegion label="Problem rows" className="table-dense" columns={[{ label: 'Line', className: 'num' }, 'Email', 'Problem', 'Reason']}>
          {items.map((p) => (
            <tr key={p.line}>
              <td className="num">{p.line}</td>
              <td className="cell-break">{p.email || <span className="muted">(none)</span>}</td>
              <td>{PROBLEM_LABELS[p.outcome] ?? p.outcome}</td>
              <td className="cell-break">{p.detail || <span className="muted">—</span>}</td>
            </tr>
          ))}
        </TableRegion>
      )}
      <ListFooter list={problems} label="Show more rows" />
    </section>
  );
}
