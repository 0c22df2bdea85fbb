import { Link } from 'react-router';
import { EmptyState } from '../../../components/Alert';
import { ListStatus } from '../ListStatus';
import { contactQueries } from '../queries/contacts';
import { usePagedQuery } from '../queries/paged';
import { RunsTable } from '../workflows/RunsTable';
import { followRuns } from '../workflows/WorkflowRuns';

/** What the workflows did for this contact: each run with its steps, newest first. */
export function WorkflowRunsSection({ contactId }: { contactId: string }) {
  const runs = usePagedQuery(contactQueries.runs(contactId), followRuns);

  return (
    <section className="card section-card record-runs" aria-labelledby="runs-title">
      <h2 id="runs-title">Workflow runs</h2>
      <ListStatus state={runs} count={runs.items.length} loading="Loading workflow runs…" empty={<EmptyState title="No workflow has run for this contact." />} />
      {runs.items.length > 0 && (
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
