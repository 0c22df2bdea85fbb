import { useState } from 'react';
import { Link } from 'react-router';
import type { Role } from '../../../api/auth';
import type { ContactSummary } from '../../../api/admin';
import { staffAdminApi } from '../../../api/staffAdmin';
import { Loading } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/dates';
import { roleLabel } from '../../../lib/roles';
import { useSession } from '../../../lib/session';
import { useResource } from '../../../lib/useResource';
import { ContactStatusBadge } from '../Badges';
import { DeskErrorAlert, Notice } from '../DeskAlerts';
import { contactWho } from '../contacts/record';
import { ROLE_DUTIES, roleAtLeast, STAFF_ROLES } from '../permissions';
import { useDeskAction } from '../useDeskAction';
import { InviteStaffForm } from './InviteStaffForm';

const ROLE_CHOICES: Role[] = [...STAFF_ROLES, 'member'];

/** Who works the desk. Admins see the list; the owner also invites and changes roles. */
export function StaffPage() {
  const { session } = useSession();
  const isOwner = roleAtLeast(session.contact?.role, 'owner');
  const staff = useResource((signal) => staffAdminApi.staff(signal), []);
  const [inviting, setInviting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [change, setChange] = useState<{ person: ContactSummary; role: Role } | null>(null);
  const roleAction = useDeskAction();
  const items = staff.data?.items ?? [];

  return (
    <div className="page page-wide">
      <div className="page-head">
        <PageHeading title="Staff" />
        {isOwner && (
          <Button variant={inviting ? 'secondary' : 'primary'} aria-expanded={inviting} aria-controls="invite-staff" onClick={() => setInviting((v) => !v)}>
            {inviting ? 'Close invite' : 'Invite staff'}
          </Button>
        )}
      </div>
      <p className="muted">
        {isOwner
          ? 'Change a role here; disable or enable an account from its contact record.'
          : 'Only the owner invites staff and changes roles. Disable or enable an account from its contact record.'}
      </p>
      <Notice text={notice} />
      {isOwner && (
        <div id="invite-staff" hidden={!inviting}>
          {inviting && (
            <InviteStaffForm
              onCancel={() => setInviting(false)}
              onInvited={(c) => {
                setInviting(false);
                setNotice(`Invited ${c.email} as ${roleLabel(c.role)}. We emailed them a link to choose a password.`);
                staff.reload();
              }}
            />
          )}
        </div>
      )}
      {staff.loading && !staff.data && <Loading label="Loading staff…" />}
      {staff.error && <DeskErrorAlert error={staff.error} onRetry={staff.reload} />}
      {items.length > 0 && (
        <div className="table-wrap" role="region" aria-label="Staff" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Last sign-in</th>
              </tr>
            </thead>
            <tbody>
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
                          onChange={(e) => {
                            setChange({ person: p, role: e.target.value as Role });
                            roleAction.start();
                          }}
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
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={roleAction.open}
        title={change?.role === 'member' ? 'Remove staff access?' : `Make ${change?.person.name || change?.person.email} ${roleLabel(change?.role ?? '')}?`}
        confirmLabel={change?.role === 'member' ? 'Remove staff access' : 'Change role'}
        busyLabel="Changing…"
        danger={change?.role === 'member'}
        busy={roleAction.busy}
        error={roleAction.error}
        onCancel={roleAction.cancel}
        onConfirm={() =>
          change &&
          roleAction.run(async () => {
            await staffAdminApi.changeRole(change.person.id, change.role);
            setNotice(`${change.person.email} is now ${change.role === 'member' ? 'a member without staff access' : roleLabel(change.role)}.`);
            staff.reload();
          })
        }
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
      </ConfirmDialog>
    </div>
  );
}

