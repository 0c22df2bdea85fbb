import type { EmailDay } from '../../../api/admin';
import { emailStatusLabel } from '../Badges';

// The numbers behind the delivery chart: totals, the order of the stacks, the scale and the
// words that describe it (its label, its tooltips).

/** Bottom to top: what went well first, problems on top where the eye lands. */
export const CHART_ORDER = ['delivered', 'sent', 'sending', 'queued', 'delivery_delayed', 'suppressed', 'complained', 'bounced', 'failed'];

/** Drawn hatched as well as coloured, so problems stand out without relying on colour. */
export const HATCHED = new Set(['failed', 'bounced', 'complained']);

const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const longDayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "Nov 26" for a YYYY-MM-DD UTC day. */
export function shortDay(date: string, long = false): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return (long ? longDayFormat : dayFormat).format(d);
}

export function dayTotal(d: EmailDay): number {
  return Object.values(d.counts ?? {}).reduce((a, n) => a + n, 0);
}

export interface ChartSummary {
  /** Statuses with at least one email, in stacking order (unknown ones last). */
  statuses: string[];
  totals: Record<string, number>;
  total: number;
  busiest: EmailDay | undefined;
  max: number;
}

export function summarize(days: EmailDay[]): ChartSummary {
  const totals: Record<string, number> = {};
  let busiest: EmailDay | undefined;
  let max = 0;
  for (const d of days) {
    for (const [status, n] of Object.entries(d.counts ?? {})) totals[status] = (totals[status] ?? 0) + n;
    const t = dayTotal(d);
    if (t > max) {
      max = t;
      busiest = d;
    }
  }
  const known = CHART_ORDER.filter((s) => totals[s] > 0);
  const others = Object.keys(totals).filter((s) => totals[s] > 0 && !CHART_ORDER.includes(s)).sort();
  const statuses = [...known, ...others];
  return { statuses, totals, total: statuses.reduce((a, s) => a + totals[s], 0), busiest, max };
}

/** A round top for the y axis and the step between its lines (whole emails). */
export function niceScale(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  const rough = max / 4;
  const pow = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= rough) ?? 10 * pow);
  return { top: Math.ceil(max / step) * step, step };
}

function countText(n: number, status: string): string {
  return `${n} ${emailStatusLabel(status).toLowerCase()}`;
}

/** "Tue, Nov 26: 12 emails (10 delivered, 2 failed)": a bar's tooltip. */
export function dayText(d: EmailDay, statuses: string[]): string {
  const t = dayTotal(d);
  if (t === 0) return `${shortDay(d.date, true)}: no emails`;
  const parts = statuses.filter((s) => (d.counts[s] ?? 0) > 0).map((s) => countText(d.counts[s], s));
  return `${shortDay(d.date, true)}: ${t === 1 ? '1 email' : `${t} emails`} (${parts.join(', ')})`;
}

/** The chart's label for screen readers: what it shows, the totals, the busiest day. */
export function chartLabel(days: EmailDay[], s: ChartSummary): string {
  if (days.length === 0) return 'Emails per day: no data.';
  const range = `${shortDay(days[0].date)} to ${shortDay(days[days.length - 1].date)}`;
  const parts = s.statuses.map((st) => countText(s.totals[st], st)).join(', ');
  const busiest = s.busiest ? ` Busiest day: ${shortDay(s.busiest.date)}, with ${s.max}.` : '';
  return `Stacked bar chart of emails per day by status, ${range}: ${s.total === 1 ? '1 email' : `${s.total} emails`} in all (${parts}).${busiest} The table below has every number.`;
}
