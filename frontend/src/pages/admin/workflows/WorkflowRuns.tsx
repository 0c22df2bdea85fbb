import { useEffect, useRef } from 'react';
import { Link, useLocation } from 'react-router';
import type { WorkflowRun } from '../../../api/workflows';
import { EmptyState } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ListStatus } from '../ListStatus';
import { usePagedQuery } from '../queries/paged';
import { workflowQueries } from '../queries/workflows';
import { RunsTable } from './RunsTable';
import { runInFlight } from './workflowText';

/** While a run moves, the table reads the runs again this often. */
export const RUNS_POLL_MS = 3000;

/** A runs table's refetchInterval: poll while any run is running or waiting. */
export const followRuns = (runs: WorkflowRun[]) => (runs.some((r) => runInFlight(r.status)) ? RUNS_POLL_MS : false);

/** Every run of one workflow, newest first; refreshes itself while any is running or waiting. */
export function WorkflowRuns({ workflowId, name }: { workflowId: string; name: string }) {
  const runs = usePagedQuery(workflowQueries.runs(workflowId), followRuns);
  const moving = followRuns(runs.items) !== false;

  const location = useLocation();
  const sectionRef = useRef<HTMLElement>(null);
  const loaded = !runs.loading;

  // "Runs" in the workflows list links here (#runs): bring the table into view once it is read.
  useEffect(() => {
    if (loaded && location.hash === '#runs') sectionRef.current?.scrollIntoView();
  }, [loaded, location.hash]);

  return (
    <section ref={sectionRef} className="card section-card" aria-labelledby="runs-title" id="runs">
      <div className="section-head">
        <h2 id="runs-title">Runs</h2>
        <Button variant="secondary" className="btn-small" onClick={runs.reload}>
          Refresh <span className="visually-hidden">runs</span>
        </Button>
      </div>
      <p className="muted">
        One run per contact each time the trigger fires.{moving ? ' Refreshing automatically while runs are in progress.' : ''}
      </p>
      <ListStatus
        state={runs}
        count={runs.items.length}
        loading="Loading runs…"
        empty={<EmptyState title="No runs yet.">It runs for events that happen after it was created and enabled.</EmptyState>}
      />
      {runs.items.length > 0 && (
        <RunsTable
          runs={runs}
          label={`Runs of ${name}`}
          whoHeader="Contact"
          who={(r) =>
            r.contact_email ? (
              <>
                <Link to={`/admin/contacts/${encodeURIComponent(r.contact_id)}`}>{r.contact_name || r.contact_email}</Link>
                {r.contact_name && <span className="cell-note-plain">{r.contact_email}</span>}
              </>
            ) : (
              <span className="muted">Deleted contact</span>
            )
          }
        />
      )}
    </section>
  );
}
