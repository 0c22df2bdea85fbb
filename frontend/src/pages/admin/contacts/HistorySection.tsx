import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/Alert';
import { formatDateTime } from '../../../lib/dates';
import { actionLabel, actorName, detailSummary } from '../auditText';
import { OutcomeBadge, requestKindLabel } from '../Badges';
import { ListStatus, listState } from '../ListStatus';
import { contactQueries } from '../queries/contacts';

/**
 * What happened to this contact, newest first: their self-service requests, and every action on
 * them with who took it (staff, a workflow, a bulk run, an import, an API key).
 */
export function HistorySection({ contactId }: { contactId: string }) {
  const events = useQuery(contactQueries.events(contactId));
  const items = events.data?.items ?? [];
  return (
    <section className="card section-card record-history" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <ListStatus state={listState(events)} count={items.length} loading="Loading the history…" empty={<EmptyState title="Nothing has happened to this contact yet." />} />
      {items.length > 0 && (
        <ol className="history">
          {items.map((ev, i) => (
            <li key={`${ev.created_at}-${i}`} className={`history-item history-${ev.type}`}>
              <time dateTime={ev.created_at}>{formatDateTime(ev.created_at)}</time>
              <div>
                <p className="history-what">
                  {ev.type === 'request' ? (
                    <>
                      Self-service: {requestKindLabel(ev.action)} {ev.outcome && <OutcomeBadge outcome={ev.outcome} />}
                    </>
                  ) : (
                    <>
                      {actionLabel(ev.action)} <span className="muted">by {actorName(ev)}</span>
                    </>
                  )}
                </p>
                {(detailSummary(ev.detail) || ev.ip) && (
                  <p className="history-detail">
                    {detailSummary(ev.detail)}
                    {detailSummary(ev.detail) && ev.ip ? ' · ' : ''}
                    {ev.ip && `IP ${ev.ip}`}
                  </p>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      <p className="section-foot">
        <Link to={`/admin/requests?contact_id=${encodeURIComponent(contactId)}`}>All self-service requests of this contact</Link>
      </p>
    </section>
  );
}
