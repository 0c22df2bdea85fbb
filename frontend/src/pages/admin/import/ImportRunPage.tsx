import { Link, useParams } from 'react-router';
import { importReportUrl, importsApi, type ImportRecord } from '../../../api/imports';
import { ErrorAlert, Loading } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/dates';
import { usePolling } from '../../../lib/usePolling';
import { useResource } from '../../../lib/useResource';
import { DeskErrorAlert } from '../DeskAlerts';
import { JobStatusBadge, ProgressBar } from '../Progress';
import { useDeskAction } from '../useDeskAction';
import { useCatalog } from '../useCatalog';
import { COUNT_LABELS, importWillDo, isMoving, rowsText } from './importText';

export const IMPORT_POLL_MS = 1000;

/** One import: its dry run, then the import itself, followed from the server (survives a reload). */
export function ImportRunPage() {
  const { id = '' } = useParams();
  const rec = useResource((signal) => importsApi.get(id, signal), [id]);
  const catalog = useCatalog();
  const run = useDeskAction();
  const cancel = useDeskAction();
  const im = rec.data;
  usePolling(rec, im ? isMoving(im.status) : false, IMPORT_POLL_MS);

  if (!im) {
    return (
      <div className="page page-medium">
        <p className="breadcrumb">
          <Link to="/admin/import">Import</Link>
        </p>
        <PageHeading title={rec.error?.status === 404 ? 'Import not found' : 'Import'} />
        {rec.loading && <Loading label="Loading the import…" />}
        {rec.error && <DeskErrorAlert error={rec.error} onRetry={rec.reload} />}
      </div>
    );
  }

  const update = (next: ImportRecord) => rec.setData(() => next);
  const counts = im.counts ?? {};
  const good = (counts.new ?? 0) + (counts.update ?? 0);
  const dry = im.dry_run;
  const shownCounts = COUNT_LABELS.filter(([k, , phase]) => phase === (dry ? 'dry' : 'run') || (k in counts && (counts[k] ?? 0) > 0));

  return (
    <div className="page page-medium">
      <p className="breadcrumb">
        <Link to="/admin/import">Import</Link>
      </p>
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
        {rec.error && <DeskErrorAlert error={rec.error} onRetry={rec.reload} />}
        <div className="form-actions progress-actions">
          {im.status === 'dry_run_done' && (
            <Button onClick={run.start} disabled={good === 0}>
              {good === 0 ? 'No row to import' : `Import ${rowsText(good)}`}
            </Button>
          )}
          {isMoving(im.status) && (
            <Button variant="secondary" onClick={cancel.start}>
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

      <ConfirmDialog
        open={run.open}
        title={`Import ${rowsText(good)}?`}
        confirmLabel="Import now"
        busyLabel="Starting…"
        busy={run.busy}
        error={run.error}
        onCancel={run.cancel}
        onConfirm={() => run.run(async () => update(await importsApi.run(id)))}
      >
        {importWillDo(im, catalog.names).map((line) => (
          <p key={line}>{line}</p>
        ))}
      </ConfirmDialog>
      <ConfirmDialog
        open={cancel.open}
        title={dry ? 'Stop the dry run?' : 'Stop the import?'}
        confirmLabel="Stop it"
        busyLabel="Stopping…"
        danger
        busy={cancel.busy}
        error={cancel.error}
        onCancel={cancel.cancel}
        onConfirm={() => cancel.run(async () => update(await importsApi.cancel(id)))}
      >
        <p>
          {dry
            ? 'Checking stops; nothing was changed. Upload the file again to start over.'
            : 'It stops after the rows in progress. Rows already imported stay imported (and their welcome emails are sent, if chosen); the rest are not imported.'}
        </p>
      </ConfirmDialog>
    </div>
  );
}
