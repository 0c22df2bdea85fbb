import { Link } from 'react-router';
import { workflowsApi } from '../../../api/workflows';
import { EmptyState, Loading } from '../../../components/Alert';
import { usePagedList } from '../../../lib/usePagedList';
import { usePagedPolling } from '../../../lib/usePolling';
import { DeskErrorAlert } from '../DeskAlerts';
import { RunsTable } from '../workflows/RunsTable';
import { RUNS_POLL_MS } from '../workflows/WorkflowRuns';
import { runInFlight } from '../workflows/workflowText';

/** What the workflows did for this contact: each run with its steps, newest first. */
export function WorkflowRunsSection({ contactId, version }: { contactId: string; version: number }) {
  const runs = usePagedList((cursor, signal) => workflowsApi.contactRuns(contactId, cursor, signal), [contactId, version]);
  const items = runs.items;
  usePagedPolling(runs, items.some((r) => runInFlight(r.status)), RUNS_POLL_MS);

  return (
    <section className="card section-card record-runs" aria-labelledby="runs-title">
      <h2 id="runs-title">Workflow runs</h2>
      {runs.loading && <Loading label="Loading workflow runs…" />}
      {runs.error && <DeskErrorAlert error={runs.error} onRetry={runs.retry} />}
      {!runs.loading && !runs.error && items.length === 0 && <EmptyState title="No workflow has run for this contact." />}
      {items.length > 0 && (
        <RunsTable
          runs={runs}
          label="Workflow runs of this contact"
          whoHeader="Workflow"
          who={(r) =>
            r.workflow_name ? (
              <Link to={`/admin/workflows/${encodeURIComponent(r.workflow_id)}`}>{r.workflow_name}</Link>
            ) : (
              <span className="muted">Deleted workflow</span>
            )
          }
        />
      )}
      <p className="section-foot">
        <Link to="/admin/workflows">All workflows</Link>
      </p>
    </section>
  );
}
