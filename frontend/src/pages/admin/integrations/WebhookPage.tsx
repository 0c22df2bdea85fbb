import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { toApiError } from '../../../api/client';
import { integrationsApi } from '../../../api/integrations';
import { Loading } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/dates';
import { deskErrorText, DeskErrorAlert, Notice } from '../DeskAlerts';
import { ConfirmAction } from '../forms/ConfirmAction';
import { useConfirmedAction } from '../forms/useConfirmedAction';
import { OneTimeSecret } from '../OneTimeSecret';
import { integrationQueries, webhookKeys } from '../queries/integrations';
import { DeliveryLog, EndpointBadge } from './DeliveryLog';
import { EndpointForm } from './EndpointForm';

/** One endpoint: its state, test, rotate, turn on or off, edit, delete, and its delivery log. */
export function WebhookPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const ep = useQuery(integrationQueries.webhook(id));
  const types = useQuery(integrationQueries.webhooks());
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const e = ep.data;
  const refresh = () => {
    void client.invalidateQueries({ queryKey: webhookKeys.all });
  };
  // Test and on/off need no question: each says what it did.
  const act = useMutation({
    mutationFn: (run: () => Promise<string>) => run(),
    onMutate: () => setNotice(null),
    onSuccess: (text) => {
      setNotice(text);
      refresh();
    },
  });
  const failure = act.error ? deskErrorText(act.error) : null;
  const rotate = useConfirmedAction({
    run: () => integrationsApi.rotateSecret(id),
    invalidates: [webhookKeys.all],
    onDone: (r) => setSecret(r.secret),
  });
  const remove = useConfirmedAction({
    run: () => integrationsApi.deleteWebhook(id),
    invalidates: [webhookKeys.all],
    onDone: () => navigate('/admin/webhooks'),
  });

  return (
    <div className="page page-wide">
      <p>
        <Link to="/admin/webhooks">← Webhooks</Link>
      </p>
      <PageHeading title={e ? e.url : 'Webhook endpoint'} />
      {ep.isPending && <Loading label="Loading the endpoint…" />}
      {ep.error && <DeskErrorAlert error={toApiError(ep.error)} onRetry={() => void ep.refetch()} />}
      <Notice text={notice} />
      {failure && <p className="alert alert-error">{failure}</p>}
      {e && (
        <>
          <section className="card section-card" aria-label="Endpoint">
            <p>
              <EndpointBadge endpoint={e} /> {e.description}
            </p>
            {!e.enabled && e.disabled_reason && <p className="muted">{e.disabled_reason}</p>}
            <p>
              Events: <span className="muted">{e.events.join(', ')}</span>
            </p>
            {e.previous_secret_until && (
              <p className="muted">The previous signing secret also signs until {formatDateTime(e.previous_secret_until)}.</p>
            )}
            <div className="form-actions">
              <Button variant="secondary" disabled={!e.enabled} onClick={() => act.mutate(async () => (await integrationsApi.sendTest(e.id), 'Test event queued: it shows in the log below.'))}>
                Send test event
              </Button>
              <Button
                variant="secondary"
                onClick={() =>
                  act.mutate(async () => (await integrationsApi.updateWebhook(e.id, { enabled: !e.enabled }), e.enabled ? 'Turned off.' : 'Turned on: new events are sent again.'))
                }
              >
                {e.enabled ? 'Turn off' : 'Turn on'}
              </Button>
              <Button variant="secondary" aria-expanded={editing} onClick={() => setEditing((v) => !v)}>
                Edit
              </Button>
              <Button variant="secondary" onClick={() => rotate.start()}>
                Rotate secret
              </Button>
              <Button variant="secondary" onClick={() => remove.start()}>
                Delete
              </Button>
            </div>
          </section>
          {secret && (
            <section className="card section-card" aria-labelledby="rotated-title">
              <h2 id="rotated-title">New signing secret</h2>
              <OneTimeSecret label="Signing secret" value={secret} mono warning="Copy it into your receiver: it is not shown again. The old secret also signs for 24 hours." />
              <Button variant="secondary" onClick={() => setSecret(null)}>
                Done
              </Button>
            </section>
          )}
          {editing && (
            <EndpointForm
              endpoint={e}
              eventTypes={types.data?.event_types ?? e.events}
              onCancel={() => setEditing(false)}
              onSaved={() => {
                setEditing(false);
                setNotice('Saved.');
              }}
            />
          )}
          <DeliveryLog endpoint={e} onRedelivered={setNotice} />
          <ConfirmAction action={rotate} title="Rotate the signing secret?" confirmLabel="Rotate secret" busyLabel="Rotating…">
            <p>A new secret is shown once. For 24 hours deliveries carry signatures with both, so your receiver can switch without missing one.</p>
          </ConfirmAction>
          <ConfirmAction action={remove} title="Delete this endpoint?" confirmLabel="Delete endpoint" busyLabel="Deleting…" danger>
            <p>It stops receiving events at once, and its delivery log is deleted with it.</p>
          </ConfirmAction>
        </>
      )}
    </div>
  );
}
