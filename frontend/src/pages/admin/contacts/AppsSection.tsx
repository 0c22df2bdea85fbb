import { useQuery } from '@tanstack/react-query';
import { formatDateTime, formatRelative } from '../../../lib/dates';
import { ListStatus, listState } from '../ListStatus';
import { appQueries } from '../queries/apps';
import type { RecordSectionProps } from './record';

/** The apps a contact can open now (by their offers and communities), and those they signed in to. */
export function AppsSection({ contact: c }: Pick<RecordSectionProps, 'contact'>) {
  const apps = useQuery(appQueries.forContact(c.id));
  const open = apps.data?.can_open ?? [];
  const used = apps.data?.signed_in ?? [];

  return (
    <section className="card section-card" aria-labelledby="apps-title">
      <h2 id="apps-title">Apps</h2>
      <ListStatus state={listState(apps)} count={apps.data ? 1 : 0} loading="Loading apps…" empty={null} />
      {apps.data && (
        <>
          <h3>Can open</h3>
          {open.length === 0 ? (
            <p className="muted">No app: their offers and communities open none.</p>
          ) : (
            <ul className="method-list">
              {open.map((a) => (
                <li key={a.id} className="method-item">
                  <p className="grant-name">{a.name}</p>
                  <p className="grant-meta">{a.kind === 'oidc' ? 'Sign in with Gatehouse' : 'Protected site'}</p>
                </li>
              ))}
            </ul>
          )}
          <h3>Signed in to</h3>
          {used.length === 0 ? (
            <p className="muted">Has not signed in to any app through Gatehouse.</p>
          ) : (
            <ul className="method-list">
              {used.map((a) => (
                <li key={a.app_id} className="method-item">
                  <p className="grant-name">{a.name}</p>
                  <p className="grant-meta">
                    last <time dateTime={a.last_at} title={formatDateTime(a.last_at)}>{formatRelative(a.last_at)}</time> · {a.count}{' '}
                    {a.count === 1 ? 'sign-in' : 'sign-ins'} since {formatDateTime(a.first_at)}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
