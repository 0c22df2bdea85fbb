import { useState } from 'react';
import type { Role } from '../../../api/auth';
import type { ContactSummary } from '../../../api/admin';
import { staffAdminApi } from '../../../api/staffAdmin';
import { EmailField, SelectField, TextField } from '../../../components/Field';
import { roleLabel } from '../../../lib/roles';
import { DeskForm } from '../forms/DeskForm';
import { emailProblem } from '../forms/emailProblem';
import { FormActions } from '../forms/FormActions';
import { useDeskForm } from '../forms/useDeskForm';
import { ROLE_DUTIES, STAFF_ROLES } from '../permissions';
import { staffKeys } from '../queries/staffAdmin';

const FIELDS = ['email', 'name', 'role'] as const;

/** Owner only: a new staff account, emailed a link to choose its password. */
export function InviteStaffForm({ onInvited, onCancel }: { onInvited: (c: ContactSummary) => void; onCancel: () => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('support');
  const form = useDeskForm({
    fields: FIELDS,
    dirty: Boolean(email.trim() || name.trim()),
    validate: () => ({ email: emailProblem(email, 'Enter their email address.') }),
    submit: () => staffAdminApi.inviteStaff(email.trim(), name.trim(), role),
    invalidates: [staffKeys.all],
    onSaved: onInvited,
  });

  return (
    <>
      <p className="muted">
        We email them a link to choose a password (staff passwords need at least 15 characters). An existing member with this address
        becomes staff.
      </p>
      <DeskForm form={form} className="form form-inline">
        <EmailField autoComplete="off" value={email} onValueChange={setEmail} error={form.fields.email} />
        <TextField label="Name (optional)" name="name" autoComplete="off" value={name} onValueChange={setName} error={form.fields.name} />
        <SelectField label="Role" name="role" value={role} onValueChange={(v) => setRole(v as Role)} hint={ROLE_DUTIES[role]} error={form.fields.role}>
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </SelectField>
        <FormActions form={form} submit="Invite and send email" busyLabel="Inviting…" onCancel={onCancel} />
      </DeskForm>
    </>
  );
}
