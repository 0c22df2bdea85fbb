import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { toApiError } from '../../../api/client';
import { integrationsApi, type ApiKey, type NewApiKey } from '../../../api/integrations';
import { EmptyState, Loading } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/dates';
import { DeskErrorAlert, Notice } from '../DeskAlerts';
import { ConfirmAction } from '../forms/ConfirmAction';
import { useConfirmedAction } from '../forms/useConfirmedAction';
import { OneTimeSecret } from '../OneTimeSecret';
import { apiKeyKeys, integrationQueries } from '../queries/integrations';
import { CreateKeyForm } from './CreateKeyForm';

/** API keys for the machine API: made with scopes, shown once, listed by prefix, revoked at once. */
export function ApiKeysPage() {
  const keys = useQuery(integrationQueries.apiKeys());
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<NewApiKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const revoke = useConfirmedAction({
    run: (k: ApiKey) => integrationsApi.revokeApiKey(k.id),
    invalidates: [apiKeyKeys.all],
    onDone: (_, k) => setNotice(`Revoked “${k.name}”. Its next call is refused.`),
  });
  const items = keys.data?.items ?? [];

  return (
    <div className="page page-wide">
      <div className="page-head">
        <PageHeading title="API keys" />
        <Button variant={creating ? 'secondary' : 'primary'} aria-expanded={creating} onClick={() => setCreating((v) => !v)}>
          {creating ? 'Close' : 'Create API key'}
        </Button>
      </div>
      <p className="muted">
        Keys let your other systems (a checkout, a CRM, automation tools) call the <Link to="/admin/api-reference">machine API</Link>. Each
        change a key makes is in the audit log under its name. Keys never act on staff accounts.
      </p>
      <Notice text={notice} />
      {creating && (
        <CreateKeyForm
          scopes={keys.data?.scopes ?? []}
          onCancel={() => setCreating(false)}
          onCreated={(k) => {
            setCreating(false);
            setCreated(k);
            setNotice(null);
          }}
        />
      )}
      {created && (
        <section className="card section-card" aria-labelledby="new-key-title">
          <h2 id="new-key-title">Your new key “{created.name}”</h2>
          <OneTimeSecret
            label="API key"
            value={created.key}
            mono
            warning="Copy it now and keep it in your other system’s secret settings: it is not shown again. If you lose it, revoke it and make another."
          />
          <Button variant="secondary" onClick={() => setCreated(null)}>
            Done
          </Button>
        </section>
      )}
      {keys.isPending && <Loading label="Loading API keys…" />}
      {keys.error && <DeskErrorAlert error={toApiError(keys.error)} onRetry={() => void keys.refetch()} />}
      {keys.data && items.length === 0 && <EmptyState title="No API keys yet">Create one for each system that calls Gatehouse.</EmptyState>}
      {items.length > 0 && (
        <div className="table-wrap" role="region" aria-label="API keys" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Scopes</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((k) => (
                <tr key={k.id} className={k.revoked_at ? 'row-muted' : undefined}>
                  <td>{k.name}</td>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>{k.scopes.join(', ')}</td>
                  <td>
                    <time dateTime={k.created_at}>{formatDateTime(k.created_at)}</time>
                    {k.created_by && <span className="muted"> by {k.created_by}</span>}
                  </td>
                  <td>{k.last_used_at ? <time dateTime={k.last_used_at}>{formatDateTime(k.last_used_at)}</time> : <span className="muted">Never</span>}</td>
                  <td>
                    {k.revoked_at ? (
                      <span className="muted">Revoked {formatDateTime(k.revoked_at)}</span>
                    ) : (
                      <Button variant="secondary" onClick={() => revoke.start(k)}>
                        Revoke<span className="visually-hidden"> {k.name}</span>
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmAction action={revoke} title={`Revoke “${revoke.target?.name ?? ''}”?`} confirmLabel="Revoke key" busyLabel="Revoking…" danger>
        <p>Its very next call is refused. The systems using it stop working with Gatehouse until they get a new key.</p>
      </ConfirmAction>
    </div>
  );
}
