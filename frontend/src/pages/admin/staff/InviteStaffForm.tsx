import { useState, type FormEvent } from 'react';
import type { Role } from '../../../api/auth';
import type { ContactSummary } from '../../../api/admin';
import { staffAdminApi } from '../../../api/staffAdmin';
import { ErrorAlert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { SelectField, TextField } from '../../../components/Field';
import { roleLabel } from '../../../lib/roles';
import { useFormErrors } from '../../../lib/useFormErrors';
import { deskError } from '../DeskAlerts';
import { ROLE_DUTIES, STAFF_ROLES } from '../permissions';

const FIELDS = ['email', 'name', 'role'] as const;

/** Owner only: a new staff account, emailed a link to choose its password. */
export function InviteStaffForm({ onInvited, onCancel }: { onInvited: (c: ContactSummary) => void; onCancel: () => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('support');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    errors.clear();
    if (!email.trim()) return errors.invalid({ email: 'Enter their email address.' });
    setBusy(true);
    try {
      onInvited(await staffAdminApi.inviteStaff(email.trim(), name.trim(), role));
    } catch (err) {
      errors.fail(deskError(err));
      setBusy(false);
    }
  }

  return (
    <section className="card section-card" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite staff</h2>
      <p className="muted">
        We email them a link to choose a password (staff passwords need at least 15 characters). An existing member with this address
        becomes staff.
      </p>
      {errors.message && <ErrorAlert>{errors.message}</ErrorAlert>}
      <form ref={errors.formRef} onSubmit={onSubmit} noValidate className="form form-inline">
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="off"
          spellCheck={false}
          required
          value={email}
          onValueChange={setEmail}
          error={errors.fields.email}
        />
        <TextField label="Name (optional)" name="name" autoComplete="off" value={name} onValueChange={setName} error={errors.fields.name} />
        <SelectField label="Role" name="role" value={role} onValueChange={(v) => setRole(v as Role)} hint={ROLE_DUTIES[role]} error={errors.fields.role}>
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </SelectField>
        <div className="form-actions">
          <Button type="submit" busy={busy} busyLabel="Inviting…">
            Invite and send email
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </section>
  );
}
