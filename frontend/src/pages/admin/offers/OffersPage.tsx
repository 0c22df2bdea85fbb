import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { catalogApi } from '../../../api/catalog';
import { EmptyState, Loading } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { CheckboxField } from '../../../components/Field';
import { PageHeading } from '../../../components/PageHeading';
import { formatDate } from '../../../lib/dates';
import { useSession } from '../../../lib/session';
import { useResource } from '../../../lib/useResource';
import { Badge } from '../Badges';
import { DeskErrorAlert, Notice } from '../DeskAlerts';
import { roleAtLeast } from '../permissions';
import { NewOfferForm } from './NewOfferForm';

export function OffersPage() {
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const archived = params.get('archived') === 'true';
  const offers = useResource((signal) => catalogApi.offers({ archived }, signal), [archived]);
  const [showNew, setShowNew] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const canCreate = roleAtLeast(session.contact?.role, 'admin');
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
      <Notice text={created} />
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
      {!canCreate && <p className="muted">Offers are created and edited by admins and owners; you can open one to read it.</p>}
      <div className="toolbar">
        <CheckboxField
          label="Show archived offers"
          checked={archived}
          onCheckedChange={(on) => setParams(on ? { archived: 'true' } : {}, { replace: true })}
        />
      </div>
      {offers.loading && !offers.data && <Loading label="Loading offers…" />}
      {offers.error && <DeskErrorAlert error={offers.error} onRetry={offers.reload} />}
      {offers.data && items.length === 0 && (
        <EmptyState title="No offers yet.">{canCreate && <p>Create the first one with “New offer”.</p>}</EmptyState>
      )}
      {items.length > 0 && (
        <div className="table-wrap" role="region" aria-label="Offers" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="num">
                  Members
                </th>
                <th scope="col">Welcome email</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={`/admin/offers/${encodeURIComponent(o.id)}`}>{o.name}</Link>
                    {o.archived && <Badge>Archived</Badge>}
                    {o.description && <p className="cell-note">{o.description}</p>}
                  </td>
                  <td className="num">
                    <Link to={`/admin/contacts?offer_id=${encodeURIComponent(o.id)}`} aria-label={`${o.members} members of ${o.name}`}>
                      {o.members ?? 0}
                    </Link>
                  </td>
                  <td>{o.welcome_subject ? `“${o.welcome_subject}”` : <span className="muted">Default template</span>}</td>
                  <td>
                    <time dateTime={o.created_at}>{formatDate(o.created_at)}</time>
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
