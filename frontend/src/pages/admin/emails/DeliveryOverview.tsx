import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { EmailOverview } from '../../../api/admin';
import { Loading } from '../../../components/Alert';
import { toApiError } from '../../../api/client';
import { DeskErrorAlert } from '../DeskAlerts';
import { emailQueries } from '../queries/emails';
import { DeliveryChart } from './DeliveryChart';
import { emailsPath, utcDay } from './emailFilters';

interface Card {
  key: string;
  count: number;
  /** [one, many] */
  what: [string, string];
  when: string;
  to: string;
  tone: 'danger' | 'warning';
}

function cards(a: EmailOverview['attention'], now: Date): Card[] {
  // The counts cover the last 7 days; the log's dates are whole UTC days, so it starts a day early.
  const from = utcDay(now, 7);
  return [
    { key: 'failed', count: a.failed, what: ['failed email', 'failed emails'], when: 'in the last 7 days', to: emailsPath({ status: 'failed', from }), tone: 'danger' },
    { key: 'bounced', count: a.bounced, what: ['bounced email', 'bounced emails'], when: 'in the last 7 days', to: emailsPath({ status: 'bounced', from }), tone: 'danger' },
    {
      key: 'complained',
      count: a.complained,
      what: ['email marked as spam', 'emails marked as spam'],
      when: 'in the last 7 days',
      to: emailsPath({ status: 'complained', from }),
      tone: 'danger',
    },
    {
      key: 'stuck',
      count: a.stuck,
      what: ['email stuck in the queue', 'emails stuck in the queue'],
      when: 'for over 15 minutes (queued or sending)',
      to: emailsPath({ status: 'stuck' }),
      tone: 'warning',
    },
    {
      key: 'suppressed',
      count: a.suppressed_addresses,
      what: ['address suppressed', 'addresses suppressed'],
      when: 'after a bounce or spam report: not emailed',
      to: '/admin/contacts?status=suppressed',
      tone: 'warning',
    },
  ];
}

/** What needs a person now, then emails per day by status over 30 days. */
export function DeliveryOverview() {
  const overview = useQuery(emailQueries.overview());
  const o = overview.data;
  const list = o ? cards(o.attention, new Date()) : [];
  const clear = list.every((c) => c.count === 0);

  return (
    <section className="card section-card overview" aria-labelledby="overview-title">
      <div className="section-head">
        <h2 id="overview-title">Delivery overview</h2>
        {overview.isFetching && o && <span className="muted">Updating…</span>}
      </div>
      {overview.isPending && <Loading label="Loading the delivery overview…" />}
      {overview.error && <DeskErrorAlert error={toApiError(overview.error)} onRetry={() => void overview.refetch()} />}
      {o && (
        <>
          <h3 className="overview-heading">Needs attention</h3>
          {clear && <p className="muted">Nothing needs attention: no failures, bounces, spam reports, stuck emails or suppressed addresses.</p>}
          <ul className="attention-list">
            {list.map((c) => (
              <li key={c.key} className={`attention-card attention-${c.count > 0 ? c.tone : 'clear'}`}>
                <Link to={c.to} state={c.to.startsWith('/admin/emails') ? { focus: 'log' } : undefined}>
                  <span className="attention-count">{c.count}</span> <span className="attention-what">{c.count === 1 ? c.what[0] : c.what[1]}</span>{' '}
                  <span className="attention-when">{c.when}</span>
                </Link>
              </li>
            ))}
          </ul>
          <h3 className="overview-heading">Emails per day, last 30 days</h3>
          <DeliveryChart days={o.days} />
        </>
      )}
    </section>
  );
}
