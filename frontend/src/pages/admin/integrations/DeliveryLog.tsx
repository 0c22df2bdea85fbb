import { useMutation, useQueryClient } from '@tanstack/react-query';
import { integrationsApi, type WebhookDelivery, type WebhookEndpoint } from '../../../api/integrations';
import { EmptyState, Loading } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { LoadMore } from '../../../components/LoadMore';
import { formatDateTime } from '../../../lib/dates';
import { Badge } from '../Badges';
import { deskErrorText, DeskErrorAlert } from '../DeskAlerts';
import { integrationQueries, webhookKeys } from '../queries/integrations';
import { usePagedQuery } from '../queries/paged';

const STATUS: Record<WebhookDelivery['status'], [string, 'neutral' | 'info' | 'success' | 'warning' | 'danger']> = {
  pending: ['Pending', 'neutral'],
  retrying: ['Retrying', 'warning'],
  delivered: ['Delivered', 'success'],
  failed: ['Failed', 'danger'],
  cancelled: ['Cancelled', 'neutral'],
};

export function EndpointBadge({ endpoint }: { endpoint: WebhookEndpoint }) {
  if (!endpoint.enabled) return <Badge tone="danger">Turned off</Badge>;
  if (endpoint.failing_since) return <Badge tone="warning">Failing since {formatDateTime(endpoint.failing_since)}</Badge>;
  return <Badge tone="success">Active</Badge>;
}

/** An endpoint's deliveries, newest first, refreshed every few seconds; each opens to its attempts. */
export function DeliveryLog({ endpoint, onRedelivered }: { endpoint: WebhookEndpoint; onRedelivered: (msg: string) => void }) {
  // Polled: deliveries move on their own (retries, a receiver coming back).
  const list = usePagedQuery(integrationQueries.deliveries(endpoint.id), () => 3000);
  const client = useQueryClient();
  const redeliver = useMutation({
    mutationFn: (d: WebhookDelivery) => integrationsApi.redeliver(endpoint.id, d.id),
    onSuccess: (_, d) => {
      onRedelivered(`Queued ${d.event_type} again.`);
      void client.invalidateQueries({ queryKey: webhookKeys.deliveries(endpoint.id) });
    },
  });
  const failure = redeliver.error ? deskErrorText(redeliver.error) : null;

  return (
    <section aria-labelledby="log-title" className="delivery-log">
      <h2 id="log-title">Delivery log</h2>
      {failure && <p className="alert alert-error">{failure}</p>}
      {list.loading && list.items.length === 0 && <Loading label="Loading deliveries…" />}
      {list.error && <DeskErrorAlert error={list.error} onRetry={list.retry} />}
      {!list.loading && list.items.length === 0 && !list.error && <EmptyState title="Nothing sent yet">Send a test event to try the endpoint.</EmptyState>}
      {list.items.length > 0 && (
        <div className="table-wrap" role="region" aria-label="Deliveries" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last answer</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((d) => {
                const [label, tone] = STATUS[d.status] ?? [d.status, 'neutral'];
                return (
                  <tr key={d.id} data-event={d.event_type}>
                    <td>
                      <code>{d.event_type}</code>
                      <details>
                        <summary>Details</summary>
                        <p className="muted">webhook-id {d.event_id}</p>
                        <pre className="payload" tabIndex={0} aria-label={`Payload of ${d.event_type}`}>
                          {d.payload}
                        </pre>
                        <ol className="attempts">
                          {d.log.map((a) => (
                            <li key={a.attempt}>
                              {formatDateTime(a.attempted_at)}: {a.status_code ? `HTTP ${a.status_code}` : a.error} in {a.latency_ms} ms
                              {a.response_excerpt && (
                                <pre className="payload" tabIndex={0} aria-label={`Answer to attempt ${a.attempt}`}>
                                  {a.response_excerpt}
                                </pre>
                              )}
                            </li>
                          ))}
                        </ol>
                      </details>
                    </td>
                    <td>
                      <Badge tone={tone}>{label}</Badge>
                    </td>
                    <td>{d.attempts}</td>
                    <td>
                      {d.last_status_code ? `HTTP ${d.last_status_code}` : d.last_error || '—'}
                      {d.last_latency_ms !== null && <span className="muted"> · {d.last_latency_ms} ms</span>}
                    </td>
                    <td>
                      <time dateTime={d.created_at}>{formatDateTime(d.created_at)}</time>
                    </td>
                    <td>
                      {endpoint.enabled && d.status !== 'pending' && d.status !== 'retrying' && (
                        <Button variant="secondary" busy={redeliver.isPending && redeliver.variables?.id === d.id} busyLabel="Queueing…" onClick={() => redeliver.mutate(d)}>
                          Redeliver<span className="visually-hidden"> {d.event_type}</span>
                        </Button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} />
    </section>
  );
}
