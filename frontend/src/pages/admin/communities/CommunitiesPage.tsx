import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { catalogApi } from '../../../api/catalog';
import { EmptyState } from '../../../components/Alert';
import { ExternalLink } from '../../../components/ExternalLink';
import { formatDate } from '../../../lib/dates';
import { useSession } from '../../../lib/session';
import { Badge } from '../Badges';
import { ListHead, ShowArchived, useShowArchived } from '../ListHead';
import { ListStatus, listState } from '../ListStatus';
import { roleAtLeast } from '../permissions';
import { catalogQueries, communityKeys } from '../queries/catalog';
import { TableRegion } from '../TableRegion';
import { CommunityForm } from './CommunityForm';

export function CommunitiesPage() {
  const { session } = useSession();
  const communities = useQuery(catalogQueries.communities(useShowArchived()));
  const canCreate = roleAtLeast(session.contact?.role, 'admin');
  const items = communities.data?.items ?? [];

  return (
    <div className="page page-wide">
      <ListHead
        title="Communities"
        noun="community"
        canCreate={canCreate}
        intro={<p className="muted">Groups members join through an offer that includes them, or directly from their contact record.</p>}
      >
        {(done, close) => (
          <CommunityForm
            submitLabel="Create community"
            busyLabel="Creating…"
            onCancel={close}
            submit={(input) => catalogApi.createCommunity(input)}
            invalidates={[communityKeys.all]}
            onSaved={(c) => done(`Community “${c.name}” created. Include it in an offer, or add members from their contact record.`)}
          />
        )}
      </ListHead>
      <ShowArchived label="Show archived communities" />
      <ListStatus
        state={listState(communities)}
        count={items.length}
        loading="Loading communities…"
        empty={<EmptyState title="No communities yet.">{canCreate && <p>Create the first one with “New community”.</p>}</EmptyState>}
      />
      {items.length > 0 && (
        <TableRegion label="Communities" columns={['Name', 'Address', 'Created']}>
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
        </TableRegion>
      )}
    </div>
  );
}
