import { useState, type ReactNode } from 'react';
import type { RunStep, WorkflowRun } from '../../../api/workflows';
import { Button } from '../../../components/Button';
import { formatDateTime } from '../../../lib/dates';
import { Badge } from '../Badges';
import { ListFooter } from '../ListStatus';
import type { PagedList } from '../queries/paged';
import { TableRegion } from '../TableRegion';
import { actionLabel, RUN_STATUS, STEP_OUTCOME } from './workflowText';

interface Props {
  /** The runs read so far, and the next page on request. */
  runs: PagedList<WorkflowRun>;
  /** The region's name ("Runs of …"). */
  label: string;
  /** The first column: the run's contact (on a workflow) or its workflow (on a contact). */
  whoHeader: string;
  who: (run: WorkflowRun) => ReactNode;
}

export function RunStatusBadge({ status }: { status: string }) {
  const [text, tone] = RUN_STATUS[status] ?? [status, 'neutral'];
  return <Badge tone={tone}>{text}</Badge>;
}

/** Runs, newest first, each with its steps behind a disclosure button. */
export function RunsTable({ runs, label, whoHeader, who }: Props) {
  const [open, setOpen] = useState<Set<string>>(new Set());

  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <>
      <TableRegion
        label={label}
        className="table-dense runs-table"
        bodies
        columns={[whoHeader, 'Status', 'Latest step', 'Started', { label: 'Steps', hidden: true }]}
      >
        {runs.items.map((r) => {
          const steps = r.steps ?? [];
          const last = steps.at(-1);
          const isOpen = open.has(r.id);
          const stepsId = `run-${r.id}-steps`;
          return (
            <tbody key={r.id} className="run-group">
              <tr>
                <td>{who(r)}</td>
                <td>
                  <RunStatusBadge status={r.status} />
                  {r.test && <Badge>Test run</Badge>}
                  {r.status === 'waiting' && r.wait_until && (
                    <span className="cell-note-plain">
                      until <time dateTime={r.wait_until}>{formatDateTime(r.wait_until)}</time>
                    </span>
                  )}
                </td>
                <td>
                  {last ? stepText(last) : <span className="muted">Not started yet</span>}
                  {r.total_steps > 0 && (
                    <span className="cell-note-plain">
                      {Math.min(r.step, r.total_steps)} of {r.total_steps} {r.total_steps === 1 ? 'step' : 'steps'} run
                    </span>
                  )}
                </td>
                <td>
                  <time dateTime={r.started_at}>{formatDateTime(r.started_at)}</time>
                </td>
                <td className="cell-actions">
                  <Button variant="quiet" className="btn-small" aria-expanded={isOpen} aria-controls={stepsId} onClick={() => toggle(r.id)}>
                    {isOpen ? 'Hide steps' : 'Show steps'}
                  </Button>
                </td>
              </tr>
              <tr id={stepsId} hidden={!isOpen} className="run-steps-row">
                <td colSpan={5}>{isOpen && <StepTimeline run={r} steps={steps} />}</td>
              </tr>
            </tbody>
          );
        })}
      </TableRegion>
      <ListFooter list={runs} label="Show more runs" />
    </>
  );
}

function outcomeText(outcome: string): string {
  return STEP_OUTCOME[outcome]?.[0] ?? outcome;
}

/** "2. Wait: Waiting"; a run stopped as a loop before its first step says so. */
function stepText(s: RunStep): string {
  return s.type === 'loop'
    ? `Loop: ${outcomeText(s.outcome).toLowerCase()} before it started`
    : `${s.step + 1}. ${actionLabel(s.type)}: ${outcomeText(s.outcome)}`;
}

/** Staff-readable detail: an email id becomes "email queued", a wait its local time. */
function detailText(detail: string | undefined): string {
  if (!detail) return '';
  if (/^email [0-9a-f-]{8,}$/i.test(detail)) return 'email queued';
  const until = /^until (\S+)$/.exec(detail);
  if (until) return `until ${formatDateTime(until[1])}`;
  return detail;
}

function StepTimeline({ run, steps }: { run: WorkflowRun; steps: RunStep[] }) {
  return (
    <div className="run-steps">
      <p className="run-meta">
        Version {run.workflow_version} of the workflow
        {run.finished_at && (
          <>
            {' '}
            · finished <time dateTime={run.finished_at}>{formatDateTime(run.finished_at)}</time>
          </>
        )}
      </p>
      {steps.length === 0 ? (
        <p className="muted">No step has run yet.</p>
      ) : (
        <ol className="timeline" aria-label="Steps">
          {steps.map((s, i) => {
            const [text, tone] = STEP_OUTCOME[s.outcome] ?? [s.outcome, 'neutral'];
            return (
              <li key={i}>
                <time dateTime={s.at}>{formatDateTime(s.at)}</time>
                <span className="timeline-type">{s.type === 'loop' ? 'Loop detected' : `Step ${s.step + 1}: ${actionLabel(s.type)}`}</span>
                <Badge tone={tone}>{text}</Badge>
                {s.detail && <span className="timeline-detail">{detailText(s.detail)}</span>}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
