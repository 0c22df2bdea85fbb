import { portalApi } from '../../api/portal';
import { ApiErrorAlert, EmptyState, Loading } from '../../components/Alert';
import { ExternalLink } from '../../components/ExternalLink';
import { PageHeading } from '../../components/PageHeading';
import { formatDate } from '../../lib/dates';
import { useResource } from '../../lib/useResource';
import { Link } from 'react-router';

export function OffersPage() {
  const offers = useResource((signal) => portalApi.offers(signal), []);
  const items = offers.data?.items ?? [];

  return (
    <div className="page">
      <PageHeading title="My offers" />
      {offers.loading && !offers.data && <Loading label="Loading your offers…" />}
      {offers.error && <ApiErrorAlert error={offers.error} onRetry={offers.reload} />}
      {offers.data && items.length === 0 && (
        <EmptyState title="No offers yet.">
          <p>
            When you're given access to a course, membership or programme, it shows up here. Expecting something? Check the
            welcome email, or <Link to="/resend-access">ask for your access email again</Link>.
          </p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul className="card-grid" aria-label="Offers">
          {items.map((offer) => {
            const links = offer.content_links ?? [];
            return (
              <li key={offer.id} className="card offer-card">
                <h2 className="card-title">{offer.name}</h2>
                {offer.description && <p className="card-text">{offer.description}</p>}
                {links.length > 0 ? (
                  <ul className="content-links" aria-label={`Content of ${offer.name}`}>
                    {links.map((l, i) => (
                      <li key={`${l.url}-${i}`}>
                        <ExternalLink href={l.url} className="content-link">
                          {l.label || l.url}
                        </ExternalLink>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted">No content links for this offer yet.</p>
                )}
                <p className="card-meta">Since {formatDate(offer.granted_at)}</p>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
