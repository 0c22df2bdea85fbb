import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { integrationsApi } from '../../../api/integrations';
import { Loading } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/dates';
import { useResource } from '../../../lib/useResource';
import { deskErrorText, DeskErrorAlert, Notice } from '../DeskAlerts';
import { OneTimeSecret } from '../OneTimeSecret';
import { useDeskAction } from '../useDeskAction';
import { DeliveryLog, EndpointBadge } from './DeliveryLog';
import { EndpointForm } from './EndpointForm';
import { IntegrationsNav } from './IntegrationsNav';

/** One endpoint: its state, test, rotate, turn on or off, edit, delete, and its delivery log. */
export function WebhookPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const ep = useResource((signal) => integrationsApi.webhook(id, signal), [id]);
  const types = useResource((signal) => integrationsApi.webhooks(signal), []);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const rotate = useDeskAction();
  const remove = useDeskAction();
  const e = ep.data;

  async function act(run: () => Promise<string>) {
    setFailure(null);
    setNotice(null);
    try {
      setNotice(await run());
      ep.reload();
    } catch (err) {
      setFailure(deskErrorText(err));
    }
  }

  return (
    <div className="page page-wide">
      <p>
        <Link to="/admin/webhooks">← Webhooks</Link>
      </p>
      <PageHeading title={e ? e.url : 'Webhook endpoint'} />
      <IntegrationsNav />
      {ep.loading && !e && <Loading label="Loading the endpoint…" />}
      {ep.error && <DeskErrorAlert error={ep.error} onRetry={ep.reload} />}
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
              <Button variant="secondary" disabled={!e.enabled} onClick={() => act(async () => (await integrationsApi.sendTest(e.id), 'Test event queued: it shows in the log below.'))}>
                Send test event
              </Button>
              <Button
                variant="secondary"
                onClick={() =>
                  act(async () => (await integrationsApi.updateWebhook(e.id, { enabled: !e.enabled }), e.enabled ? 'Turned off.' : 'Turned on: new events are sent again.'))
                }
              >
                {e.enabled ? 'Turn off' : 'Turn on'}
              </Button>
              <Button variant="secondary" aria-expanded={editing} onClick={() => setEditing((v) => !v)}>
                Edit
              </Button>
              <Button variant="secondary" onClick={rotate.start}>
                Rotate secret
              </Button>
              <Button variant="secondary" onClick={remove.start}>
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
                ep.reload();
              }}
            />
          )}
          <DeliveryLog endpoint={e} onRedelivered={setNotice} />
          <ConfirmDialog
            open={rotate.open}
            title="Rotate the signing secret?"
            confirmLabel="Rotate secret"
            busyLabel="Rotating…"
            busy={rotate.busy}
            error={rotate.error}
            onCancel={rotate.cancel}
            onConfirm={() =>
              rotate.run(async () => {
                setSecret((await integrationsApi.rotateSecret(e.id)).secret);
                ep.reload();
              })
            }
          >
            <p>A new secret is shown once. For 24 hours deliveries carry signatures with both, so your receiver can switch without missing one.</p>
          </ConfirmDialog>
          <ConfirmDialog
            open={remove.open}
            title="Delete this endpoint?"
            confirmLabel="Delete endpoint"
            busyLabel="Deleting…"
            danger
            busy={remove.busy}
            error={remove.error}
            onCancel={remove.cancel}
            onConfirm={() =>
              remove.run(async () => {
                await integrationsApi.deleteWebhook(e.id);
                navigate('/admin/webhooks');
              })
            }
          >
            <p>It stops receiving events at once, and its delivery log is deleted with it.</p>
          </ConfirmDialog>
        </>
      )}
    </div>
  );
}
