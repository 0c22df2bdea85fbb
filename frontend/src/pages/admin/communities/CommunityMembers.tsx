import { useState } from 'react';
import { Link } from 'react-router';
import { adminApi } from '../../../api/admin';
import { catalogApi, type Community, type CommunityMember } from '../../../api/catalog';
import { EmptyState, Loading } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useResource } from '../../../lib/useResource';
import { ContactStatusBadge } from '../Badges';
import { DeskErrorAlert, Notice } from '../DeskAlerts';
import { contactWho } from '../contacts/record';
import { useDeskAction } from '../useDeskAction';

function how(m: CommunityMember): string {
  const via = m.via_offers ?? [];
  if (m.direct && via.length) return `Directly, and via ${via.join(', ')}`;
  if (m.direct) return 'Directly';
  return via.length ? `Via ${via.join(', ')}` : 'Via an offer';
}

/** Who is in a community and how; direct members can be removed here. */
export function CommunityMembers({ community }: { community: Community }) {
  const members = useResource((signal) => catalogApi.communityMembers(community.id, signal), [community.id]);
  const [target, setTarget] = useState<CommunityMember | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useDeskAction();
  const items = members.data?.items ?? [];

  return (
    <section className="card section-card" aria-labelledby="members-title">
      <div className="section-head">
        <h2 id="members-title">Members</h2>
        {members.data && <span className="muted">{items.length === 1 ? '1 member' : `${items.length} members`}</span>}
      </div>
      <Notice text={notice} />
      {members.loading && !members.data && <Loading label="Loading members…" />}
      {members.error && <DeskErrorAlert error={members.error} onRetry={members.reload} />}
      {members.data && items.length === 0 && (
        <EmptyState title="Nobody is in this community yet.">
          <p>Include it in an offer, or add a contact from their record.</p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <div className="table-wrap" role="region" aria-label={`Members of ${community.name}`} tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Status</th>
                <th scope="col">Member how</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={`/admin/contacts/${encodeURIComponent(m.id)}`}>{m.name || m.email}</Link>
                  </td>
                  <td className="cell-break">{m.email}</td>
                  <td>
                    <ContactStatusBadge status={m.status} />
                  </td>
                  <td>{how(m)}</td>
                  <td className="cell-actions">
                    {m.direct && (
                      <Button
                        variant="quiet"
                        className="btn-small btn-quiet-danger"
                        onClick={() => {
                          setTarget(m);
                          remove.start();
                        }}
                      >
                        Remove<span className="visually-hidden"> {m.name || m.email}</span>
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={remove.open}
        title={`Remove from ${community.name}?`}
        confirmLabel="Remove from community"
        busyLabel="Removing…"
        danger
        busy={remove.busy}
        error={remove.error}
        onCancel={remove.cancel}
        onConfirm={() =>
          target &&
          remove.run(async () => {
            await adminApi.removeFromCommunity(target.id, community.id);
            setNotice(`Removed ${target.name || target.email} from ${community.name}.`);
            members.reload();
          })
        }
      >
        <p>
          <strong>{target ? contactWho(target) : ''}</strong> stops being a direct member of <strong>{community.name}</strong>.{' '}
          {target?.via_offers?.length ? `They stay in it through ${target.via_offers.join(', ')}.` : 'They lose access to it.'} Nothing is
          emailed.
        </p>
      </ConfirmDialog>
    </section>
  );
}
