import { Link, useSearchParams } from 'react-router';
import { portalApi } from '../../api/portal';
import { ApiErrorAlert, Loading } from '../../components/Alert';
import { PageHeading } from '../../components/PageHeading';
import { isHttpUrl } from '../../lib/safeUrl';
import { useResource } from '../../lib/useResource';

/**
 * Where a member lands when an app's rule does not let them in (Sign in with Gatehouse or a
 * protected site): which app, the offers they do hold, and whom to ask. The app never gets a
 * token for them.
 */
export function AppAccessPage() {
  const [params] = useSearchParams();
  const id = params.get('app') ?? '';
  const access = useResource((signal) => portalApi.appAccess(id, signal), [id]);
  const a = access.data;

  return (
    <div className="page page-narrow">
      <div className="card">
        {access.loading && !a && <Loading label="Loading…" />}
        {access.error && <ApiErrorAlert error={access.error} onRetry={access.reload} />}
        {a && a.admitted && (
          <>
            <PageHeading title={`You can open ${a.app.name}`} />
            <p>Your account includes {a.app.name} now.</p>
            {isHttpUrl(a.app.url) && (
              <p>
                <a className="btn btn-primary" href={a.app.url}>
                  Open {a.app.name}
                </a>
              </p>
            )}
          </>
        )}
        {a && !a.admitted && (
          <>
            <PageHeading title={`Your account does not include ${a.app.name}`} />
            {a.offers.length > 0 ? (
              <>
                <p>Your offers:</p>
                <ul>
                  {a.offers.map((name) => (
                    <li key={name}>{name}</li>
                  ))}
                </ul>
                <p>None of them opens {a.app.name}.</p>
              </>
            ) : (
              <p>You have no offers at {a.portal_name} yet.</p>
            )}
            <p>
              Ask for access:{' '}
              {a.support_email ? (
                <a href={`mailto:${a.support_email}?subject=${encodeURIComponent(`Access to ${a.app.name}`)}`}>{a.support_email}</a>
              ) : (
                `contact the people who run ${a.portal_name}`
              )}
              . If you bought something that should include it, mention the email address you bought it with.
            </p>
          </>
        )}
        <p>
          <Link to="/offers">Go to my offers</Link>
        </p>
      </div>
    </div>
  );
}
