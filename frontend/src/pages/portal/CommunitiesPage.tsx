import { portalApi, type PortalCommunity } from '../../api/portal';
import { ApiErrorAlert, EmptyState, Loading } from '../../components/Alert';
import { ExternalLink } from '../../components/ExternalLink';
import { PageHeading } from '../../components/PageHeading';
import { useResource } from '../../lib/useResource';

function membership(c: PortalCommunity): string {
  const via = (c.via_offers ?? []).filter(Boolean);
  const viaText = via.length ? `via ${via.join(', ')}` : '';
  if (c.direct && viaText) return `Joined directly and ${viaText}`;
  if (c.direct || !viaText) return 'Joined directly';
  return viaText.charAt(0).toUpperCase() + viaText.slice(1);
}

export function CommunitiesPage() {
  const communities = useResource((signal) => portalApi.communities(signal), []);
  const items = communities.data?.items ?? [];

  return (
    <div className="page">
      <PageHeading title="My communities" />
      {communities.loading && !communities.data && <Loading label="Loading your communities…" />}
      {communities.error && <ApiErrorAlert error={communities.error} onRetry={communities.reload} />}
      {communities.data && items.length === 0 && (
        <EmptyState title="No communities yet.">
          <p>Communities you join, directly or through one of your offers, show up here.</p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul className="card-grid" aria-label="Communities">
          {items.map((c) => (
            <li key={c.id} className="card">
              <h2 className="card-title">{c.name}</h2>
              {c.description && <p className="card-text">{c.description}</p>}
              <p className="card-meta">{membership(c)}</p>
              {c.url && (
                <p>
                  <ExternalLink href={c.url} className="btn btn-secondary">
                    Open {c.name}
                  </ExternalLink>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
