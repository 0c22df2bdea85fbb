import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { bulkApi, bulkReportUrl, type BulkOperation } from '../../../api/bulk';
import { Loading } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/dates';
import { usePolling } from '../../../lib/usePolling';
import { useResource } from '../../../lib/useResource';
import { deskErrorText, DeskErrorAlert } from '../DeskAlerts';
import { useDeskAction } from '../useDeskAction';
import { useCatalog } from '../useCatalog';
import { bulkActionLabel, contactsText, OUTCOMES } from './bulkText';
import { JobStatusBadge, ProgressBar } from '../Progress';

/** How often a running operation is read again. */
export const BULK_POLL_MS = 1000;

/** One bulk operation's progress, read from the server (so it survives a reload), with Cancel and Resume. */
export function BulkPage() {
  const { id = '' } = useParams();
  const op = useResource((signal) => bulkApi.get(id, signal), [id]);
  const catalog = useCatalog();
  const cancel = useDeskAction();
  const [resuming, setResuming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const o = op.data;
  usePolling(op, o?.status === 'running', BULK_POLL_MS);

  if (!o) {
    return (
      <div className="page page-medium">
        <p className="breadcrumb">
          <Link to="/admin/bulk">Bulk operations</Link>
        </p>
        <PageHeading title={op.error?.status === 404 ? 'Bulk operation not found' : 'Bulk operation'} />
        {op.loading && <Loading label="Loading the bulk operation…" />}
        {op.error && <DeskErrorAlert error={op.error} onRetry={op.reload} />}
      </div>
    );
  }

  const target = o.offer_id ? catalog.names.offer(o.offer_id) : o.community_id ? catalog.names.community(o.community_id) : '';
  const update = (next: BulkOperation) => op.setData(() => next);

  async function resume() {
    if (resuming) return;
    setResuming(true);
    setError(null);
    try {
      update(await bulkApi.resume(id));
    } catch (err) {
      setError(deskErrorText(err));
    } finally {
      setResuming(false);
    }
  }

  const counts = o.counts ?? {};
  const shown = OUTCOMES.filter(([k]) => (counts[k] ?? 0) > 0 || k === 'done' || (k === 'pending' && o.status !== 'done'));

  return (
    <div className="page page-medium">
      <p className="breadcrumb">
        <Link to="/admin/bulk">Bulk operations</Link>
      </p>
      <PageHeading title={`Bulk: ${bulkActionLabel(o.action)}${target ? ` · ${target}` : ''}`} />
      <p className="muted">
        Started <time dateTime={o.created_at}>{formatDateTime(o.created_at)}</time> for {contactsText(o.total)}
        {o.finished_at && (
          <>
            {' '}
            · {o.status === 'cancelled' ? 'cancelled' : 'finished'} <time dateTime={o.finished_at}>{formatDateTime(o.finished_at)}</time>
          </>
        )}
        .
      </p>

      <section className="card progress-card" aria-labelledby="progress-title">
        <div className="section-head">
          <h2 id="progress-title">Progress</h2>
          <JobStatusBadge status={o.status} />
        </div>
        <ProgressBar label="Contacts worked through" done={o.done} total={o.total} unit="contacts" />
        <p role="status" className="progress-status">
          {o.status === 'running' && 'Running in the background: this page follows it, and you can leave and come back.'}
          {o.status === 'done' && 'Finished. The report lists every contact with what was done.'}
          {o.status === 'cancelled' && 'Cancelled. What was done stays done; Resume carries on with the rest, without repeating anyone.'}
        </p>
        <dl className="stats">
          {shown.map(([k, label]) => (
            <div key={k}>
              <dt>{label}</dt>
              <dd>{(counts[k] ?? 0).toLocaleString()}</dd>
            </div>
          ))}
        </dl>
        {op.error && <DeskErrorAlert error={op.error} onRetry={op.reload} />}
        {error && (
          <p role="alert" className="alert alert-error">
            {error}
          </p>
        )}
        <div className="form-actions progress-actions">
          {o.status === 'running' && (
            <Button variant="secondary" onClick={cancel.start}>
              Cancel operation…
            </Button>
          )}
          {o.status === 'cancelled' && (
            <Button onClick={resume} busy={resuming} busyLabel="Resuming…">
              Resume
            </Button>
          )}
          {o.status !== 'running' && (
            <a className="btn btn-secondary" href={bulkReportUrl(o.id)} download>
              {o.status === 'done' ? 'Download report (CSV)' : 'Download the report so far (CSV)'}
            </a>
          )}
        </div>
      </section>

      <ConfirmDialog
        open={cancel.open}
        title="Stop this bulk operation?"
        confirmLabel="Stop it"
        busyLabel="Stopping…"
        danger
        busy={cancel.busy}
        error={cancel.error}
        onCancel={cancel.cancel}
        onConfirm={() => cancel.run(async () => update(await bulkApi.cancel(id)))}
      >
        <p>
          It stops after the contacts in progress. What was done stays done (emails already queued are sent); the others are left as they
          are. You can resume it later.
        </p>
      </ConfirmDialog>
    </div>
  );
}
