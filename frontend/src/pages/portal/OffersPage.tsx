import { portalApi, type PortalApp } from '../../api/portal';
import { ApiErrorAlert, EmptyState, Loading } from '../../components/Alert';
import { ExternalLink } from '../../components/ExternalLink';
import { PageHeading } from '../../components/PageHeading';
import { formatDate } from '../../lib/dates';
import { isHttpUrl } from '../../lib/safeUrl';
import { useResource } from '../../lib/useResource';
import { Link } from 'react-router';

export function OffersPage() {
  const offers = useResource((signal) => portalApi.offers(signal), []);
  const apps = useResource((signal) => portalApi.apps(signal), []);
  const items = offers.data?.items ?? [];
  // Apps the member can open that no offer card shows (open to any member, to staff, or to a
  // community they joined directly).
  const underOffers = new Set(items.flatMap((o) => (o.apps ?? []).map((a) => a.id)));
  const otherApps = (apps.data?.items ?? []).filter((a) => !underOffers.has(a.id));

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
            const opens = offer.apps ?? [];
            return (
              <li key={offer.id} className="card offer-card">
                <h2 className="card-title">{offer.name}</h2>
                {offer.description && <p className="card-text">{offer.description}</p>}
                {opens.length > 0 && <AppLinks apps={opens} label={`Apps ${offer.name} opens`} />}
                {links.length > 0 && (
                  <ul className="content-links" aria-label={`Content of ${offer.name}`}>
                    {links.map((l, i) => (
                      <li key={`${l.url}-${i}`}>
                        <ExternalLink href={l.url} className="content-link">
                          {l.label || l.url}
                        </ExternalLink>
                      </li>
                    ))}
                  </ul>
                )}
                {links.length === 0 && opens.length === 0 && <p className="muted">No content links for this offer yet.</p>}
                <p className="card-meta">Since {formatDate(offer.granted_at)}</p>
              </li>
            );
          })}
        </ul>
      )}
      {otherApps.length > 0 && (
        <section className="card section-card apps-more" aria-labelledby="more-apps-title">
          <h2 id="more-apps-title">Also open to you</h2>
          <AppLinks apps={otherApps} label="Other apps you can open" />
        </section>
      )}
    </div>
  );
}

/** "Open" for each app: the app signs the member in with their portal session, no new login. */
function AppLinks({ apps, label }: { apps: PortalApp[]; label: string }) {
  return (
    <ul className="app-links" aria-label={label}>
      {apps.map((a) => (
        <li key={a.id} className="app-link">
          <span className="app-link-name">{a.name}</span>
          {isHttpUrl(a.url) && (
            <a className="btn btn-secondary btn-small" href={a.url}>
              Open <span className="visually-hidden">{a.name}</span>
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}
