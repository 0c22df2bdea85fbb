import type { App, AppsMeta } from '../../../api/apps';
import { Button } from '../../../components/Button';
import { OneTimeSecret } from '../OneTimeSecret';

/** Right after registering: the client secret, shown once, and what to configure. */
export function CreatedApp({ app, meta, onDone }: { app: App; meta: AppsMeta; onDone: () => void }) {
  return (
    <section className="card section-card" aria-labelledby="created-app-title">
      <h2 id="created-app-title">Connect “{app.name}”</h2>
      {app.client_secret && (
        <OneTimeSecret
          label="Client secret"
          value={app.client_secret}
          mono
          warning="Copy the client secret into the app now: it is shown this once and cannot be shown again (a new one can be made)."
        />
      )}
      <AppIntegration app={app} meta={meta} />
      <Button variant="secondary" onClick={onDone}>
        Done
      </Button>
    </section>
  );
}

/** What to put in the app's (or the proxy's) configuration. The README has full recipes. */
export function AppIntegration({ app, meta }: { app: App; meta: AppsMeta }) {
  if (app.kind === 'oidc') {
    return (
      <dl className="meta-list">
        <dt>Issuer</dt>
        <dd className="mono">{meta.issuer}</dd>
        <dt>Discovery URL</dt>
        <dd className="mono">{meta.discovery_url}</dd>
        <dt>Client id</dt>
        <dd className="mono">{app.client_id}</dd>
        <dt>Client authentication</dt>
        <dd>{app.public ? 'None: a public client, with PKCE (S256)' : 'Client secret (HTTP Basic or in the form)'}</dd>
        <dt>Scopes</dt>
        <dd className="mono">openid email profile gatehouse</dd>
      </dl>
    );
  }
  return (
    <dl className="meta-list">
      <dt>Forward-auth address</dt>
      <dd className="mono">
        {meta.forward_auth_url}?app={app.id}
      </dd>
      <dt>Route to Gatehouse on each site</dt>
      <dd className="mono">{meta.callback_path.replace('/callback', '/*')}</dd>
      <dt>Identity headers</dt>
      <dd className="mono">X-Gatehouse-User, -Email, -Name, -Offers, -Communities, -Role</dd>
    </dl>
  );
}
