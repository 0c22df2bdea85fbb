import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { toApiError } from '../../../api/client';
import type { WebhookWithSecret } from '../../../api/integrations';
import { EmptyState, Loading } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { DeskErrorAlert } from '../DeskAlerts';
import { OneTimeSecret } from '../OneTimeSecret';
import { EndpointBadge } from './DeliveryLog';
import { integrationQueries } from '../queries/integrations';
import { EndpointForm } from './EndpointForm';

/** Outbound webhook endpoints: what each receives, and whether it is working. */
export function WebhooksPage() {
  const list = useQuery(integrationQueries.webhooks());
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<WebhookWithSecret | null>(null);
  const items = list.data?.items ?? [];

  return (
    <div className="page page-wide">
      <div className="page-head">
        <PageHeading title="Webhooks" />
        <Button variant={creating ? 'secondary' : 'primary'} aria-expanded={creating} onClick={() => setCreating((v) => !v)}>
          {creating ? 'Close' : 'Add endpoint'}
        </Button>
      </div>
      <p className="muted">
        Gatehouse sends the events you choose to your endpoints, signed to the Standard Webhooks spec, and retries failed deliveries for 3
        days. An endpoint that fails for all of that time is turned off, and whoever added it is emailed.
      </p>
      {creating && (
        <EndpointForm
          eventTypes={list.data?.event_types ?? []}
          onCancel={() => setCreating(false)}
          onSaved={(e) => {
            setCreating(false);
            setCreated(e as WebhookWithSecret);
          }}
        />
      )}
      {created && (
        <section className="card section-card" aria-labelledby="new-endpoint-title">
          <h2 id="new-endpoint-title">Signing secret for {created.url}</h2>
          <OneTimeSecret
            label="Signing secret"
            value={created.secret}
            mono
            warning="Copy it into your receiver now: it verifies every delivery with it, and it is not shown again. Lost it? Rotate the secret on the endpoint’s page."
          />
          <Button variant="secondary" onClick={() => setCreated(null)}>
            Done
          </Button>
        </section>
      )}
      {list.isPending && <Loading label="Loading endpoints…" />}
      {list.error && <DeskErrorAlert error={toApiError(list.error)} onRetry={() => void list.refetch()} />}
      {list.data && items.length === 0 && <EmptyState title="No endpoints yet">Add the URL of a system that should hear about members.</EmptyState>}
      {items.length > 0 && (
        <ul className="endpoint-list">
          {items.map((e) => (
            <li key={e.id} className="card">
              <Link to={`/admin/webhooks/${encodeURIComponent(e.id)}`} className="endpoint-url">
                {e.url}
              </Link>
              {e.description && <span className="muted"> — {e.description}</span>}
              <p className="endpoint-state">
                <EndpointBadge endpoint={e} />{' '}
                <span className="muted">{e.events.join(', ')}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
