import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { appsApi } from '../../../api/apps';
import { Button } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { Notice } from '../DeskAlerts';
import { ConfirmAction } from '../forms/ConfirmAction';
import { useConfirmedAction } from '../forms/useConfirmedAction';
import { OneTimeSecret } from '../OneTimeSecret';
import { appKeys, appQueries } from '../queries/apps';
import { Breadcrumb, RecordPending } from '../RecordPending';
import { AppForm } from './AppForm';
import { AppIntegration } from './AppIntegration';

const BACK = { to: '/admin/apps', label: 'Apps' };

/** One app: how to connect it, who may enter, a new client secret, removal. */
export function AppPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const query = appQueries.app(id);
  const res = useQuery(query);
  const client = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [saves, setSaves] = useState(0);
  const rotate = useConfirmedAction({ run: () => appsApi.newSecret(id), onDone: (r) => setSecret(r.client_secret) });
  const remove = useConfirmedAction({
    run: () => appsApi.remove(id),
    onDone: () => {
      client.removeQueries({ queryKey: appKeys.record(id) });
      void client.invalidateQueries({ queryKey: appKeys.all });
      navigate('/admin/apps', { replace: true });
    },
  });
  const app = res.data?.app;

  if (!app || !res.data) return <RecordPending query={res} back={BACK} title="App" notFound="App not found" loading="Loading the app…" />;

  return (
    <div className="page page-wide">
      <Breadcrumb {...BACK} />
      <PageHeading title={app.name} />
      <Notice text={notice} />
      <section className="card section-card" aria-labelledby="connect-title">
        <h2 id="connect-title">{app.kind === 'oidc' ? 'Connect the app' : 'Configure the proxy'}</h2>
        <AppIntegration app={app} meta={res.data.meta} />
        {secret && (
          <OneTimeSecret label="New client secret" value={secret} mono warning="Copy the new secret into the app now: it is shown this once. The old secret no longer works." />
        )}
        {app.kind === 'oidc' && !app.public && (
          <Button variant="secondary" onClick={() => rotate.start()}>
            New client secret
          </Button>
        )}
      </section>
      <section className="card section-card" aria-labelledby="edit-app-title">
        <h2 id="edit-app-title">Details and access</h2>
        <AppForm
          key={saves}
          initial={app}
          submitLabel="Save app"
          busyLabel="Saving…"
          submit={(input) => appsApi.update(app.id, input)}
          invalidates={[['apps', 'list']]}
          onSaved={(saved) => {
            client.setQueryData(query.queryKey, (d) => (d ? { ...d, app: saved } : d));
            setSaves((n) => n + 1);
            setNotice(`“${saved.name}” saved. Members the new rule leaves out lose access at once.`);
          }}
        />
      </section>
      <div className="app-danger">
        <Button variant="danger" onClick={() => remove.start()}>
          Remove app
        </Button>
      </div>
      <ConfirmAction action={rotate} title="Make a new client secret?" confirmLabel="Make a new secret" busyLabel="Making…">
        <p>The current secret stops working at once: members cannot sign in to {app.name} until the new one is in its settings.</p>
      </ConfirmAction>
      <ConfirmAction action={remove} title={`Remove ${app.name}?`} confirmLabel="Remove app" busyLabel="Removing…" danger>
        <p>Everyone signed in to it through Gatehouse is signed out of it, and it can no longer sign anyone in.</p>
      </ConfirmAction>
    </div>
  );
}
