import { useId } from 'react';
import { Badge } from './Badges';

/** A real <progress> with its label and "12 of 30 contacts (40%)" (bulk operations, imports). */
export function ProgressBar({ label, done, total, unit }: { label: string; done: number; total: number; unit: string }) {
  const id = `p${useId()}`;
  const max = Math.max(total, 1);
  const value = Math.min(done, max);
  const pct = total > 0 ? Math.floor((value / total) * 100) : 100;
  return (
    <div className="progress-block">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <progress id={id} className="progress" max={max} value={total > 0 ? value : max} aria-describedby={`${id}-text`}>
        {pct}%
      </progress>
      <p id={`${id}-text`} className="progress-text">
        {value.toLocaleString()} of {total.toLocaleString()} {unit} ({pct}%)
      </p>
    </div>
  );
}

const STATUS: Record<string, [string, 'info' | 'success' | 'warning' | 'danger' | 'neutral']> = {
  running: ['Running', 'info'],
  dry_running: ['Checking', 'info'],
  dry_run_done: ['Checked', 'success'],
  done: ['Done', 'success'],
  cancelled: ['Cancelled', 'warning'],
  stopped: ['Stopped', 'danger'],
  failed: ['Failed', 'danger'],
};

/** The status of a background job (a bulk operation or an import). */
export function JobStatusBadge({ status }: { status: string }) {
  const [label, tone] = STATUS[status] ?? [status, 'neutral'];
  return <Badge tone={tone}>{label}</Badge>;
}
