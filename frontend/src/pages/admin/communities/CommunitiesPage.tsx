import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { catalogApi } from '../../../api/catalog';
import { EmptyState, Loading } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { CheckboxField } from '../../../components/Field';
import { ExternalLink } from '../../../components/ExternalLink';
import { PageHeading } from '../../../components/PageHeading';
import { formatDate } from '../../../lib/dates';
import { useSession } from '../../../lib/session';
import { useResource } from '../../../lib/useResource';
import { Badge } from '../Badges';
import { DeskErrorAlert, Notice } from '../DeskAlerts';
import { roleAtLeast } from '../permissions';
import { CommunityForm } from './CommunityForm';

export function CommunitiesPage() {
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const archived = params.get('archived') === 'true';
  const communities = useResource((signal) => catalogApi.communities({ archived }, signal), [archived]);
  const [showNew, setShowNew] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const canCreate = roleAtLeast(session.contact?.role, 'admin');
  const items = communities.data?.items ?? [];

  return (
    <div className="page page-wide">
      <div className="page-head">
        <PageHeading title="Communities" />
        {canCreate && (
          <Button variant={showNew ? 'secondary' : 'primary'} aria-expanded={showNew} aria-controls="new-community" onClick={() => setShowNew((v) => !v)}>
            {showNew ? 'Close new community' : 'New community'}
          </Button>
        )}
      </div>
      <p className="muted">Groups members join through an offer that includes them, or directly from their contact record.</p>
      <Notice text={created} />
      {canCreate && (
        <div id="new-community" hidden={!showNew}>
          {showNew && (
            <section className="card section-card" aria-labelledby="new-community-title">
              <h2 id="new-community-title">New community</h2>
              <CommunityForm
                submitLabel="Create community"
                busyLabel="Creating…"
                onCancel={() => setShowNew(false)}
                onSubmit={async (input) => {
                  const c = await catalogApi.createCommunity(input);
                  setShowNew(false);
                  setCreated(`Community “${c.name}” created. Include it in an offer, or add members from their contact record.`);
                  communities.setData((d) => (d ? { ...d, items: [c, ...d.items] } : d));
                }}
              />
            </section>
          )}
        </div>
      )}
      <div className="toolbar">
        <CheckboxField
          label="Show archived communities"
          checked={archived}
          onCheckedChange={(on) => setParams(on ? { archived: 'true' } : {}, { replace: true })}
        />
      </div>
      {communities.loading && !communities.data && <Loading label="Loading communities…" />}
      {communities.error && <DeskErrorAlert error={communities.error} onRetry={communities.reload} />}
      {communities.data && items.length === 0 && (
        <EmptyState title="No communities yet.">{canCreate && <p>Create the first one with “New community”.</p>}</EmptyState>
      )}
      {items.length > 0 && (
        <div className="table-wrap" role="region" aria-label="Communities" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Address</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/admin/communities/${encodeURIComponent(c.id)}`}>{c.name}</Link>
                    {c.archived && <Badge>Archived</Badge>}
                    {c.description && <p className="cell-note">{c.description}</p>}
                  </td>
                  <td className="cell-break">{c.url ? <ExternalLink href={c.url}>{c.url}</ExternalLink> : <span className="muted">—</span>}</td>
                  <td>
                    <time dateTime={c.created_at}>{formatDate(c.created_at)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
