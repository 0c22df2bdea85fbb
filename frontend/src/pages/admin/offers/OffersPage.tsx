import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/Alert';
import { formatDate } from '../../../lib/dates';
import { useSession } from '../../../lib/session';
import { Badge } from '../Badges';
import { ListHead, ShowArchived, useShowArchived } from '../ListHead';
import { ListStatus, listState } from '../ListStatus';
import { roleAtLeast } from '../permissions';
import { catalogQueries } from '../queries/catalog';
import { TableRegion } from '../TableRegion';
import { NewOfferForm } from './NewOfferForm';

export function OffersPage() {
  const { session } = useSession();
  const offers = useQuery(catalogQueries.offers(useShowArchived()));
  const canCreate = roleAtLeast(session.contact?.role, 'admin');
  const items = offers.data?.items ?? [];

  return (
    <div className="page page-wide">
      <ListHead title="Offers" noun="offer" canCreate={canCreate}>
        {(done, close) => <NewOfferForm onCancel={close} onCreated={(o) => done(`Offer “${o.name}” created.`)} />}
      </ListHead>
      {!canCreate && <p className="muted">Offers are created and edited by admins and owners; you can open one to read it.</p>}
      <ShowArchived label="Show archived offers" />
      <ListStatus
        state={listState(offers)}
        count={items.length}
        loading="Loading offers…"
        empty={<EmptyState title="No offers yet.">{canCreate && <p>Create the first one with “New offer”.</p>}</EmptyState>}
      />
      {items.length > 0 && (
        <TableRegion label="Offers" columns={['Name', { label: 'Members', className: 'num' }, 'Welcome email', 'Created']}>
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
        </TableRegion>
      )}
    </div>
  );
}
