import { useState } from 'react';
import { adminApi } from '../../api/admin';
import { ApiErrorAlert, EmptyState, Loading } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ExternalLink } from '../../components/ExternalLink';
import { PageHeading } from '../../components/PageHeading';
import { formatDate } from '../../lib/dates';
import { canManageOffers } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { useResource } from '../../lib/useResource';
import { Badge } from './Badges';
import { NewOfferForm } from './NewOfferForm';

export function OffersPage() {
  const { session } = useSession();
  const offers = useResource((signal) => adminApi.offers(signal), []);
  const [showNew, setShowNew] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const canCreate = canManageOffers(session.contact?.role);
  const items = offers.data?.items ?? [];

  return (
    <div className="page page-wide">
      <div className="page-head">
        <PageHeading title="Offers" />
        {canCreate && (
          <Button variant={showNew ? 'secondary' : 'primary'} aria-expanded={showNew} aria-controls="new-offer" onClick={() => setShowNew((v) => !v)}>
            {showNew ? 'Close new offer' : 'New offer'}
          </Button>
        )}
      </div>
      <div role="status">{created && <p className="alert alert-success">{created}</p>}</div>
      {canCreate && (
        <div id="new-offer" hidden={!showNew}>
          {showNew && (
            <NewOfferForm
              onCancel={() => setShowNew(false)}
              onCreated={(o) => {
                setShowNew(false);
                setCreated(`Offer “${o.name}” created.`);
                offers.setData((d) => (d ? { ...d, items: [o, ...d.items] } : d));
              }}
            />
          )}
        </div>
      )}
      {!canCreate && <p className="muted">Offers are created and edited by admins and owners.</p>}
      {offers.loading && !offers.data && <Loading label="Loading offers…" />}
      {offers.error && <ApiErrorAlert error={offers.error} onRetry={offers.reload} />}
      {offers.data && items.length === 0 && (
        <EmptyState title="No offers yet.">{canCreate && <p>Create the first one with “New offer”.</p>}</EmptyState>
      )}
      {items.length > 0 && (
        <ul className="card-grid" aria-label="Offers">
          {items.map((o) => (
            <li key={o.id} className="card">
              <h2 className="card-title">
                {o.name} {o.archived && <Badge>Archived</Badge>}
              </h2>
              {o.description && <p className="card-text">{o.description}</p>}
              {o.content_links.length > 0 && (
                <ul className="content-links" aria-label={`Content of ${o.name}`}>
                  {o.content_links.map((l, i) => (
                    <li key={i}>
                      <ExternalLink href={l.url}>{l.label || l.url}</ExternalLink>
                    </li>
                  ))}
                </ul>
              )}
              <p className="card-meta">
                Welcome email: {o.welcome_subject ? `“${o.welcome_subject}”` : 'built-in text'}
                <br />
                Created {formatDate(o.created_at)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
