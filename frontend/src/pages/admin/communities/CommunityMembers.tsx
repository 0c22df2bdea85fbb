import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { adminApi } from '../../../api/admin';
import type { Community, CommunityMember } from '../../../api/catalog';
import { EmptyState } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ContactStatusBadge } from '../Badges';
import { membershipText } from '../contacts/record';
import { Notice } from '../DeskAlerts';
import { useConfirmedAction } from '../forms/useConfirmedAction';
import { ListStatus, listState } from '../ListStatus';
import { catalogQueries, communityKeys } from '../queries/catalog';
import { contactKeys } from '../queries/contacts';
import { TableRegion } from '../TableRegion';
import { RemoveFromCommunity } from './RemoveFromCommunity';

/** Who is in a community and how; direct members can be removed here. */
export function CommunityMembers({ community }: { community: Community }) {
  const members = useQuery(catalogQueries.members(community.id));
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useConfirmedAction({
    run: (m: CommunityMember) => adminApi.removeFromCommunity(m.id, community.id),
    invalidates: [communityKeys.record(community.id), contactKeys.all],
    onDone: (_, m) => setNotice(`Removed ${m.name || m.email} from ${community.name}.`),
  });
  const items = members.data?.items ?? [];

  return (
    <section className="card section-card" aria-labelledby="members-title">
      <div className="section-head">
        <h2 id="members-title">Members</h2>
        {members.data && <span className="muted">{items.length === 1 ? '1 member' : `${items.length} members`}</span>}
      </div>
      <Notice text={notice} />
      <ListStatus
        state={listState(members)}
        count={items.length}
        loading="Loading members…"
        empty={
          <EmptyState title="Nobody is in this community yet.">
            <p>Include it in an offer, or add a contact from their record.</p>
          </EmptyState>
        }
      />
      {items.length > 0 && (
        <TableRegion label={`Members of ${community.name}`} columns={['Name', 'Email', 'Status', 'Member how', { label: 'Actions', hidden: true }]}>
          {items.map((m) => (
            <tr key={m.id}>
              <td>
                <Link to={`/admin/contacts/${encodeURIComponent(m.id)}`}>{m.name || m.email}</Link>
              </td>
              <td className="cell-break">{m.email}</td>
              <td>
                <ContactStatusBadge status={m.status} />
              </td>
              <td>{membershipText(m, 'Directly')}</td>
              <td className="cell-actions">
                {m.direct && (
                  <Button variant="quiet" className="btn-small btn-quiet-danger" onClick={() => remove.start(m)}>
                    Remove<span className="visually-hidden"> {m.name || m.email}</span>
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </TableRegion>
      )}
      <RemoveFromCommunity action={remove} who={remove.target} community={community} via={remove.target?.via_offers} />
    </section>
  );
}
