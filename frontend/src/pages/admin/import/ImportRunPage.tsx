import { Link, useParams } from 'react-router';
import { toApiError } from '../../../api/client';
import { importReportUrl, importsApi } from '../../../api/imports';
import { ErrorAlert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/dates';
import { DeskErrorAlert } from '../DeskAlerts';
import { ConfirmAction } from '../forms/ConfirmAction';
import { useConfirmedAction } from '../forms/useConfirmedAction';
import { JobStatusBadge, ProgressBar } from '../Progress';
import { importKeys } from '../queries/jobs';
import { useJob } from '../queries/useJob';
import { Breadcrumb, RecordPending } from '../RecordPending';
import { useCatalog } from '../useCatalog';
import { ImportProblems, problemCount } from './ImportProblems';
import { COUNT_LABELS, importWillDo, isMoving, rowsText } from './importText';

export const IMPORT_POLL_MS = 1000;

const BACK = { to: '/admin/import', label: 'Import' };

/** One import: its dry run, then the import itself, followed from the server (survives a reload). */
export function ImportRunPage() {
  const { id = '' } = useParams();
  const { job: rec, update } = useJob({
    queryKey: importKeys.record(id),
    read: (signal) => importsApi.get(id, signal),
    moving: (x) => isMoving(x.status),
    ms: IMPORT_POLL_MS,
    listKey: importKeys.list,
  });
  const catalog = useCatalog();
  const run = useConfirmedAction({ run: () => importsApi.run(id), onDone: update });
  const cancel = useConfirmedAction({ run: () => importsApi.cancel(id), onDone: update });
  const im = rec.data;

  if (!im) return <RecordPending query={rec} back={BACK} title="Import" notFound="Import not found" loading="Loading the import…" width="medium" />;

  const counts = im.counts ?? {};
  const good = (counts.new ?? 0) + (counts.update ?? 0);
  const dry = im.dry_run;
  const shownCounts = COUNT_LABELS.filter(([k, , phase]) => phase === (dry ? 'dry' : 'run') || (k in counts && (counts[k] ?? 0) > 0));

  return (
    <div className="page page-medium">
      <Breadcrumb {...BACK} />
      <PageHeading title={`Import: ${im.filename}`} />
      <p className="muted">
        Uploaded <time dateTime={im.created_at}>{formatDateTime(im.created_at)}</time>: {rowsText(im.total)}.
      </p>

      <section className="card progress-card" aria-labelledby="import-progress-title">
        <div className="section-head">
          <h2 id="import-progress-title">{dry ? 'Dry run' : 'Import'}</h2>
          <JobStatusBadge status={im.status} />
        </div>
        {isMoving(im.status) && <ProgressBar label={dry ? 'Rows checked' : 'Rows imported'} done={im.done} total={im.total} unit="rows" />}
        <p role="status" className="progress-status">
          {im.status === 'dry_running' && 'Checking every row; nothing is changed.'}
          {im.status === 'dry_run_done' && `Checked. ${rowsText(good)} can be imported.`}
          {im.status === 'running' && 'Importing in the background: you can leave this page and come back.'}
          {im.status === 'done' && 'Imported. The report lists every row with what happened to it.'}
          {im.status === 'cancelled' && 'Cancelled. Rows imported before the cancel stay imported.'}
        </p>
        {im.status === 'failed' && (
          <ErrorAlert>
            <strong>The import stopped.</strong> {im.error || 'No reason was given.'}
          </ErrorAlert>
        )}
        {shownCounts.length > 0 && im.status !== 'failed' && (
          <dl className="stats">
            {shownCounts.map(([k, label]) => (
              <div key={k}>
                <dt>{label}</dt>
                <dd>{(counts[k] ?? 0).toLocaleString()}</dd>
              </div>
            ))}
          </dl>
        )}
        {rec.error && <DeskErrorAlert error={toApiError(rec.error)} onRetry={() => void rec.refetch()} />}
        <div className="form-actions progress-actions">
          {im.status === 'dry_run_done' && (
            <Button onClick={() => run.start()} disabled={good === 0}>
              {good === 0 ? 'No row to import' : `Import ${rowsText(good)}`}
            </Button>
          )}
          {isMoving(im.status) && (
            <Button variant="secondary" onClick={() => cancel.start()}>
              Cancel {dry ? 'dry run' : 'import'}…
            </Button>
          )}
          {!isMoving(im.status) && im.status !== 'failed' && (
            <a className="btn btn-secondary" href={importReportUrl(im.id)} download>
              {im.status === 'dry_run_done' ? 'Download the dry-run report (CSV)' : 'Download the report (CSV)'}
            </a>
          )}
          {!isMoving(im.status) && <Link to="/admin/import">Import another file</Link>}
        </div>
      </section>

      {!isMoving(im.status) && im.status !== 'failed' && problemCount(im) > 0 && <ImportProblems im={im} />}

      <ConfirmAction action={run} title={`Import ${rowsText(good)}?`} confirmLabel="Import now" busyLabel="Starting…">
        {importWillDo(im, catalog.names).map((line) => (
          <p key={line}>{line}</p>
        ))}
      </ConfirmAction>
      <ConfirmAction action={cancel} title={dry ? 'Stop the dry run?' : 'Stop the import?'} confirmLabel="Stop it" busyLabel="Stopping…" danger>
        <p>
          {dry
            ? 'Checking stops; nothing was changed. Upload the file again to start over.'
            : 'It stops after the rows in progress. Rows already imported stay imported (and their welcome emails are sent, if chosen); the rest are not imported.'}
        </p>
      </ConfirmAction>
    </div>
  );
}
