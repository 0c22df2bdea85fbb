import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Role } from '../../../api/auth';
import type { ContactSummary } from '../../../api/admin';
import { staffAdminApi } from '../../../api/staffAdmin';
import { formatDateTime } from '../../../lib/dates';
import { roleLabel } from '../../../lib/roles';
import { useSession } from '../../../lib/session';
import { ContactStatusBadge } from '../Badges';
import { contactWho } from '../contacts/record';
import { Notice } from '../DeskAlerts';
import { ConfirmAction } from '../forms/ConfirmAction';
import { useConfirmedAction } from '../forms/useConfirmedAction';
import { ListHead } from '../ListHead';
import { ListStatus, listState } from '../ListStatus';
import { ROLE_DUTIES, roleAtLeast, STAFF_ROLES } from '../permissions';
import { contactKeys } from '../queries/contacts';
import { staffAdminQueries, staffKeys } from '../queries/staffAdmin';
import { TableRegion } from '../TableRegion';
import { InviteStaffForm } from './InviteStaffForm';

const ROLE_CHOICES: Role[] = [...STAFF_ROLES, 'member'];

interface RoleChange {
  person: ContactSummary;
  role: Role;
}

/** Who works the desk. Admins see the list; the owner also invites and changes roles. */
export function StaffPage() {
  const { session } = useSession();
  const isOwner = roleAtLeast(session.contact?.role, 'owner');
  const staff = useQuery(staffAdminQueries.staff());
  const [notice, setNotice] = useState<string | null>(null);
  const roleAction = useConfirmedAction({
    run: ({ person, role }: RoleChange) => staffAdminApi.changeRole(person.id, role),
    invalidates: [staffKeys.all, contactKeys.all],
    onDone: (_, { person, role }) => setNotice(`${person.email} is now ${role === 'member' ? 'a member without staff access' : roleLabel(role)}.`),
  });
  const change = roleAction.target;
  const items = staff.data?.items ?? [];

  return (
    <div className="page page-wide">
      <ListHead
        title="Staff"
        noun="staff"
        canCreate={isOwner}
        labels={{ open: 'Invite staff', close: 'Close invite' }}
        intro={
          <p className="muted">
            {isOwner
              ? 'Change a role here; disable or enable an account from its contact record.'
              : 'Only the owner invites staff and changes roles. Disable or enable an account from its contact record.'}
          </p>
        }
      >
        {(done, close) => (
          <InviteStaffForm
            onCancel={close}
            onInvited={(c) => done(`Invited ${c.email} as ${roleLabel(c.role)}. We emailed them a link to choose a password.`)}
          />
        )}
      </ListHead>
      <Notice text={notice} />
      <ListStatus state={listState(staff)} count={items.length} loading="Loading staff…" empty={null} />
      {items.length > 0 && (
        <TableRegion label="Staff" columns={['Name', 'Email', 'Role', 'Status', 'Last sign-in']}>
          {items.map((p) => {
            const self = p.id === session.contact?.id;
            return (
              <tr key={p.id}>
                <td>
                  <Link to={`/admin/contacts/${encodeURIComponent(p.id)}`}>{p.name || p.email}</Link>
                  {self && <span className="muted"> (you)</span>}
                </td>
                <td className="cell-break">{p.email}</td>
                <td>
                  {isOwner && !self ? (
                    <select
                      className="input input-compact"
                      aria-label={`Role of ${p.name || p.email}`}
                      value={p.role}
                      onChange={(e) => roleAction.start({ person: p, role: e.target.value as Role })}
                    >
                      {ROLE_CHOICES.map((r) => (
                        <option key={r} value={r}>
                          {r === 'member' ? 'Member (no staff access)' : roleLabel(r)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    roleLabel(p.role)
                  )}
                </td>
                <td>
                  <ContactStatusBadge status={p.status} />
                </td>
                <td>
                  {p.last_login_at ? (
                    <time dateTime={p.last_login_at}>{formatDateTime(p.last_login_at)}</time>
                  ) : (
                    <span className="muted">Never signed in</span>
                  )}
                </td>
              </tr>
            );
          })}
        </TableRegion>
      )}
      <ConfirmAction
        action={roleAction}
        title={
          change?.role === 'member' ? 'Remove staff access?' : `Make ${change?.person.name || change?.person.email} ${roleLabel(change?.role ?? '')}?`
        }
        confirmLabel={change?.role === 'member' ? 'Remove staff access' : 'Change role'}
        busyLabel="Changing…"
        danger={change?.role === 'member'}
      >
        {change && (
          <>
            <p>
              <strong>{contactWho(change.person)}</strong> goes from {roleLabel(change.person.role)} to{' '}
              {change.role === 'member' ? 'a member with no staff access' : roleLabel(change.role)}.
            </p>
            {change.role !== 'member' && (
              <p>
                {roleLabel(change.role)}: {ROLE_DUTIES[change.role]}
              </p>
            )}
            <p>Their sessions end: they sign in again with the new role. Nothing is emailed.</p>
          </>
        )}
      </ConfirmAction>
    </div>
  );
}
