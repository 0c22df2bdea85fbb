import { useMutation } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { toApiError } from '../../../api/client';
import { bulkApi, bulkReportUrl } from '../../../api/bulk';
import { ErrorAlert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/dates';
import { deskErrorText, DeskErrorAlert } from '../DeskAlerts';
import { ConfirmAction } from '../forms/ConfirmAction';
import { useConfirmedAction } from '../forms/useConfirmedAction';
import { JobStatusBadge, ProgressBar } from '../Progress';
import { bulkKeys } from '../queries/jobs';
import { useJob } from '../queries/useJob';
import { Breadcrumb, RecordPending } from '../RecordPending';
import { useCatalog } from '../useCatalog';
import { bulkActionLabel, contactsText, OUTCOMES, outcomeLabel } from './bulkText';

/**
 * Resume refused (403): the run acts with its starter's authority, so only they or a higher role
 * may carry it on. The server's message says so; this says what to do.
 */
function resumeErrorText(error: unknown): string {
  const e = toApiError(error);
  if (e.status !== 403) return deskErrorText(e);
  return `You can’t resume this operation. ${e.message} Ask them (or someone with a higher role) to resume it, or start a new bulk action of your own from Contacts.`;
}

/** How often a running operation is read again. */
export const BULK_POLL_MS = 1000;

const BACK = { to: '/admin/bulk', label: 'Bulk operations' };

/** One bulk operation's progress, read from the server (so it survives a reload), with Cancel and Resume. */
export function BulkPage() {
  const { id = '' } = useParams();
  const { job: op, update } = useJob({
    queryKey: bulkKeys.record(id),
    read: (signal) => bulkApi.get(id, signal),
    moving: (x) => x.status === 'running',
    ms: BULK_POLL_MS,
    listKey: bulkKeys.list,
  });
  const catalog = useCatalog();
  const cancel = useConfirmedAction({ run: () => bulkApi.cancel(id), onDone: update });
  const resume = useMutation({ mutationFn: () => bulkApi.resume(id), onSuccess: update });
  const o = op.data;

  if (!o) return <RecordPending query={op} back={BACK} title="Bulk operation" notFound="Bulk operation not found" loading="Loading the bulk operation…" width="medium" />;

  const target = o.offer_id ? catalog.names.offer(o.offer_id) : o.community_id ? catalog.names.community(o.community_id) : '';
  const counts = o.counts ?? {};
  const shown = OUTCOMES.filter((k) => (counts[k] ?? 0) > 0 || k === 'done' || (k === 'pending' && o.status !== 'done'));
  const resumable = o.status === 'cancelled' || o.status === 'stopped';

  return (
    <div className="page page-medium">
      <Breadcrumb {...BACK} />
      <PageHeading title={`Bulk: ${bulkActionLabel(o.action)}${target ? ` · ${target}` : ''}`} />
      <p className="muted">
        Started <time dateTime={o.created_at}>{formatDateTime(o.created_at)}</time> for {contactsText(o.total)}
        {o.finished_at && (
          <>
            {' '}
            · {o.status === 'cancelled' ? 'cancelled' : o.status === 'stopped' ? 'stopped' : 'finished'}{' '}
            <time dateTime={o.finished_at}>{formatDateTime(o.finished_at)}</time>
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
          {o.status === 'stopped' && (
            <>
              <strong>Stopped on its own:</strong> {o.stop_reason || 'the staff member who started it lost the authority it ran with'}. A bulk
              run acts with its starter’s authority, so it stopped rather than act without it. What was done stays done; Resume carries on
              with the rest under your authority (you must be its starter or hold a higher role).
            </>
          )}
        </p>
        <dl className="stats">
          {shown.map((k) => (
            <div key={k}>
              <dt>{outcomeLabel(k, o.action)}</dt>
              <dd>{(counts[k] ?? 0).toLocaleString()}</dd>
            </div>
          ))}
        </dl>
        {op.error && <DeskErrorAlert error={toApiError(op.error)} onRetry={() => void op.refetch()} />}
        {resume.error && <ErrorAlert>{resumeErrorText(resume.error)}</ErrorAlert>}
        <div className="form-actions progress-actions">
          {o.status === 'running' && (
            <Button variant="secondary" onClick={() => cancel.start()}>
              Cancel operation…
            </Button>
          )}
          {resumable && (
            <Button onClick={() => resume.mutate()} busy={resume.isPending} busyLabel="Resuming…">
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

      <ConfirmAction action={cancel} title="Stop this bulk operation?" confirmLabel="Stop it" busyLabel="Stopping…" danger>
        <p>
          It stops after the contacts in progress. What was done stays done (emails already queued are sent); the others are left as they
          are. You can resume it later.
        </p>
      </ConfirmAction>
    </div>
  );
}
