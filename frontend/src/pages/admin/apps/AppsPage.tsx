import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { appsApi, type App } from '../../../api/apps';
import { EmptyState } from '../../../components/Alert';
import { Badge } from '../Badges';
import { ListHead } from '../ListHead';
import { ListStatus, listState } from '../ListStatus';
import { appKeys, appQueries } from '../queries/apps';
import { TableRegion } from '../TableRegion';
import { useCatalog } from '../useCatalog';
import { AppForm } from './AppForm';
import { CreatedApp } from './AppIntegration';
import { ruleText } from './ruleText';

/** Admin → Apps: the places offers open, and who may enter each. */
export function AppsPage() {
  const apps = useQuery(appQueries.list());
  const catalog = useCatalog();
  const [created, setCreated] = useState<App | null>(null);
  const items = apps.data?.items ?? [];

  return (
    <div className="page page-wide">
      <ListHead
        title="Apps"
        noun="app"
        canCreate
        intro={
          <p className="muted">
            What offers open: sites that sign members in with Gatehouse (OpenID Connect), and sites behind a proxy that asks Gatehouse before
            serving (forward-auth). Revoking an offer closes them.
          </p>
        }
      >
        {(done, close) => (
          <AppForm
            submitLabel="Register app"
            busyLabel="Registering…"
            onCancel={close}
            submit={(input) => appsApi.create(input)}
            invalidates={[appKeys.all]}
            onSaved={(app) => {
              setCreated(app);
              done(`“${app.name}” is registered.`);
            }}
          />
        )}
      </ListHead>
      {created && apps.data && <CreatedApp app={created} meta={apps.data.meta} onDone={() => setCreated(null)} />}
      <ListStatus
        state={listState(apps)}
        count={items.length}
        loading="Loading apps…"
        empty={
          <EmptyState title="No apps yet.">
            <p>Register the first one with “New app”.</p>
          </EmptyState>
        }
      />
      {items.length > 0 && (
        <TableRegion label="Apps" columns={['Name', 'Kind', 'Who may enter']}>
          {items.map((a) => (
            <tr key={a.id}>
              <td>
                <Link to={`/admin/apps/${encodeURIComponent(a.id)}`}>{a.name}</Link>
                <p className="cell-note">{a.kind === 'proxy' ? a.hosts.join(', ') : a.client_id}</p>
              </td>
              <td>
                {a.kind === 'oidc' ? 'Sign in with Gatehouse' : 'Protected site'}
                {a.public && <Badge>Public client</Badge>}
              </td>
              <td>{ruleText(a.rule, catalog.names)}</td>
            </tr>
          ))}
        </TableRegion>
      )}
    </div>
  );
}
