import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { authApi, providerHref } from '../../api/auth';
import { toApiError } from '../../api/client';
import { portalApi, type Identity } from '../../api/portal';
import { ApiErrorAlert, ErrorAlert, Loading } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ProviderMark } from '../../components/ProviderButtons';
import { formatDateTime } from '../../lib/dates';
import { useSession } from '../../lib/session';
import { useResource } from '../../lib/useResource';

/**
 * The account page's sign-in methods: connected providers (disconnect), the others the portal
 * offers (connect), and for accounts without a password a way to get one by email.
 */
export function SignInMethodsSection() {
  const { session } = useSession();
  const [params] = useSearchParams();
  const methods = useResource((signal) => portalApi.signInMethods(signal), []);
  const [removing, setRemoving] = useState<Identity | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [linkSent, setLinkSent] = useState<string | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);

  const data = methods.data;
  // The enabled providers are few; none at all means nothing to show.
  if (data && data.providers.length === 0 && data.identities.length === 0) return null;
  const connected = new Set(data?.identities.map((i) => i.provider));
  const connectable = data?.providers.filter((p) => !connected.has(p.name)) ?? [];
  const justConnected = params.get('connected');
  const justConnectedLabel = data?.providers.find((p) => p.name === justConnected)?.label;
  const onlyWayIn = data ? !data.has_password && data.identities.length === 1 : false;

  async function disconnect() {
    if (!removing) return;
    setBusy(true);
    setDialogError(null);
    try {
      await portalApi.disconnect(removing.id);
      methods.setData((d) => (d ? { ...d, identities: d.identities.filter((i) => i.id !== removing.id) } : d));
      setNotice(`${removing.label} is no longer connected.`);
      setRemoving(null);
    } catch (err) {
      setDialogError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  }

  async function sendPasswordLink() {
    setLinkError(null);
    try {
      const res = await authApi.forgotPassword(session.contact?.email ?? '');
      setLinkSent(res.message);
    } catch (err) {
      setLinkError(toApiError(err).message);
    }
  }

  return (
    <section className="card section-card" aria-labelledby="methods-title">
      <h2 id="methods-title">Ways to sign in</h2>
      <div role="status">
        {notice && <p className="alert alert-success">{notice}</p>}
        {!notice && justConnectedLabel && <p className="alert alert-success">{justConnectedLabel} is now connected. You can use it to sign in.</p>}
      </div>
      {methods.loading && !data && <Loading label="Loading your sign-in methods…" />}
      {methods.error && <ApiErrorAlert error={methods.error} onRetry={methods.reload} />}
      {data && (
        <>
          <ul className="method-list">
            {data.identities.map((i) => (
              <li key={i.id} className="method-item">
                <div className="method-info">
                  <ProviderMark kind={data.providers.find((p) => p.name === i.provider)?.kind ?? i.provider} />
                  <div>
                    <p>
                      <strong>{i.label}</strong>
                      {i.email && <span className="muted"> · {i.email}</span>}
                    </p>
                    <p className="muted">Connected {formatDateTime(i.created_at)}</p>
                  </div>
                </div>
                <Button
                  variant="secondary"
                  className="btn-small"
                  onClick={() => {
                    setDialogError(null);
                    setRemoving(i);
                  }}
                >
                  Disconnect<span className="visually-hidden"> {i.label}</span>
                </Button>
              </li>
            ))}
            {connectable.map((p) => (
              <li key={p.name} className="method-item">
                <div className="method-info">
                  <ProviderMark kind={p.kind} />
                  <p>
                    <strong>{p.label}</strong> <span className="muted">· not connected</span>
                  </p>
                </div>
                <a className="btn btn-secondary btn-small" href={providerHref(p.name, { link: true })}>
                  Connect<span className="visually-hidden"> {p.label}</span>
                </a>
              </li>
            ))}
          </ul>
          {!data.has_password && (
            <div className="method-password">
              <p>
                You don't have a password yet{onlyWayIn ? `, so ${data.identities[0].label} is your only way to sign in` : ''}. To
                add one, we'll email you a link to choose it.
              </p>
              {linkError && <ErrorAlert>{linkError}</ErrorAlert>}
              <div role="status">{linkSent && <p className="alert alert-success">{linkSent}</p>}</div>
              {!linkSent && (
                <Button variant="secondary" onClick={sendPasswordLink}>
                  Email me a link to set a password
                </Button>
              )}
            </div>
          )}
        </>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={`Disconnect ${removing?.label ?? ''}?`}
        confirmLabel="Disconnect"
        busyLabel="Disconnecting…"
        danger
        busy={busy}
        error={dialogError}
        onConfirm={disconnect}
        onCancel={() => setRemoving(null)}
      >
        <p>
          You won't be able to sign in with {removing?.label} any more
          {data?.has_password ? '; your password keeps working' : ''}. You can connect it again later.
        </p>
      </ConfirmDialog>
    </section>
  );
}
