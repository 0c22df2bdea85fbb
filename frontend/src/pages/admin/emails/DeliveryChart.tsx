import { useId, useRef } from 'react';
import type { EmailDay } from '../../../api/admin';
import { useElementWidth } from '../../../lib/useElementWidth';
import { emailStatusLabel } from '../Badges';
import { chartLabel, dayText, dayTotal, HATCHED, niceScale, shortDay, summarize } from './chartData';

const HEIGHT = 200;
const PAD = { top: 10, right: 6, bottom: 26, left: 34 };

/**
 * Emails per day by status, stacked, in plain SVG. The picture is one image for screen readers
 * (its label sums it up); every number is in the table below it, and each day's bar has a
 * tooltip. Colours come from overview.css; problems are hatched too.
 */
export function DeliveryChart({ days }: { days: EmailDay[] }) {
  const box = useRef<HTMLDivElement>(null);
  const width = Math.max(280, useElementWidth(box, 720));
  const hatch = `hatch-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const s = summarize(days);

  if (s.total === 0) {
    return (
      <div ref={box} className="chart-box">
        <p className="muted">No emails in the last 30 days.</p>
      </div>
    );
  }

  const { top, step } = niceScale(s.max);
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / days.length;
  const barW = Math.max(2, Math.min(28, slot * 0.72));
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const every = Math.max(1, Math.ceil(days.length / Math.max(1, Math.floor(plotW / 58))));

  return (
    <div className="chart">
      <div ref={box} className="chart-box">
        <svg className="chart-svg" viewBox={`0 0 ${width} ${HEIGHT}`} width="100%" height={HEIGHT} role="img" aria-label={chartLabel(days, s)}>
          <defs>
            <pattern id={hatch} width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="2" height="5" fill="#ffffff" fillOpacity="0.55" />
            </pattern>
          </defs>
          {ticks.map((t) => (
            <g key={t} className="chart-grid">
              <line x1={PAD.left} x2={width - PAD.right} y1={y(t)} y2={y(t)} />
              <text x={PAD.left - 6} y={y(t)} dy="0.32em" textAnchor="end">
                {t}
              </text>
            </g>
          ))}
          {days.map((d, i) => {
            let base = 0;
            const x = PAD.left + i * slot;
            return (
              <g key={d.date} className="chart-day">
                <title>{dayText(d, s.statuses)}</title>
                <rect className="chart-hit" x={x} y={PAD.top} width={slot} height={plotH} />
                {s.statuses.map((status) => {
                  const n = d.counts[status] ?? 0;
                  if (n === 0) return null;
                  const y0 = y(base + n);
                  const h = y(base) - y0;
                  base += n;
                  const bx = x + (slot - barW) / 2;
                  return (
                    <g key={status}>
                      <rect className={`chart-seg chart-fill-${status}`} x={bx} y={y0} width={barW} height={h} />
                      {HATCHED.has(status) && <rect className="chart-hatch" x={bx} y={y0} width={barW} height={h} fill={`url(#${hatch})`} />}
                    </g>
                  );
                })}
                {(days.length - 1 - i) % every === 0 && (
                  <text className="chart-x" x={x + slot / 2} y={HEIGHT - 8} textAnchor="middle">
                    {shortDay(d.date)}
                  </text>
                )}
              </g>
            );
          })}
          <line className="chart-axis" x1={PAD.left} x2={width - PAD.right} y1={y(0)} y2={y(0)} />
        </svg>
      </div>
      <ul className="chart-legend" aria-label="Legend">
        {s.statuses.map((status) => (
          <li key={status}>
            <span className={`chart-swatch chart-fill-${status}${HATCHED.has(status) ? ' chart-swatch-hatched' : ''}`} aria-hidden="true" />
            {emailStatusLabel(status)} <span className="muted">({s.totals[status]})</span>
          </li>
        ))}
      </ul>
      <details className="chart-numbers">
        <summary>Show the numbers, day by day</summary>
        <div className="table-wrap" role="region" aria-label="Emails per day by status" tabIndex={0}>
          <table className="table table-dense">
            <caption className="visually-hidden">Emails per day by status, last 30 days (UTC days)</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                {s.statuses.map((status) => (
                  <th key={status} scope="col" className="num">
                    {emailStatusLabel(status)}
                  </th>
                ))}
                <th scope="col" className="num">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date}>
                  <th scope="row" className="nowrap">
                    <time dateTime={d.date}>{shortDay(d.date, true)}</time>
                  </th>
                  {s.statuses.map((status) => (
                    <td key={status} className="num">
                      {d.counts[status] ?? 0}
                    </td>
                  ))}
                  <td className="num">{dayTotal(d)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                {s.statuses.map((status) => (
                  <td key={status} className="num">
                    {s.totals[status]}
                  </td>
                ))}
                <td className="num">{s.total}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </details>
    </div>
  );
}
