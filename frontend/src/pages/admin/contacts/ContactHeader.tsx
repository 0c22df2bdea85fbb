import { useRef, useState, type FormEvent } from 'react';
import { adminApi } from '../../../api/admin';
import { ErrorAlert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { TextField } from '../../../components/Field';
import { PageHeading } from '../../../components/PageHeading';
import { formatDate } from '../../../lib/dates';
import { roleLabel } from '../../../lib/roles';
import { useFormErrors } from '../../../lib/useFormErrors';
import { Badge, ContactStatusBadge } from '../Badges';
import { deskError, Notice } from '../DeskAlerts';
import type { RecordSectionProps } from './record';

const FIELDS = ['email', 'name'] as const;

/** The record's <h1>: name, address, status, and the Edit form for name and email. */
export function ContactHeader({ contact: c, canAct, onChanged, notice, onNotice }: RecordSectionProps) {
  const [editing, setEditing] = useState(false);
  const editRef = useRef<HTMLButtonElement>(null);
  const close = () => {
    setEditing(false);
    window.setTimeout(() => editRef.current?.focus(), 0);
  };
  return (
    <div className="contact-head">
      <div className="contact-title">
        <div>
          <PageHeading title={c.name || c.email} />
          <p className="contact-sub">
            <span className="cell-break">{c.email}</span>
            <ContactStatusBadge status={c.status} />
            {c.role !== 'member' && <Badge tone="info">{roleLabel(c.role)}</Badge>}
            <span className="contact-created">Created {formatDate(c.created_at)}</span>
          </p>
        </div>
        {canAct && (
          <button
            ref={editRef}
            type="button"
            className="btn btn-secondary"
            aria-expanded={editing}
            aria-controls="edit-contact"
            onClick={() => setEditing((v) => !v)}
          >
            {editing ? 'Close editing' : 'Edit'}
            <span className="visually-hidden"> name and email</span>
          </button>
        )}
      </div>
      <Notice text={notice} />
      <div id="edit-contact" hidden={!editing}>
        {editing && (
          <EditContactForm
            contact={c}
            onCancel={close}
            onSaved={(text) => {
              close();
              onNotice(text);
              onChanged();
            }}
          />
        )}
      </div>
    </div>
  );
}

function EditContactForm({
  contact: c,
  onCancel,
  onSaved,
}: {
  contact: RecordSectionProps['contact'];
  onCancel: () => void;
  onSaved: (text: string) => void;
}) {
  const [email, setEmail] = useState(c.email);
  const [name, setName] = useState(c.name);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    errors.clear();
    if (!email.trim()) return errors.invalid({ email: 'Enter the contact’s email address.' });
    setBusy(true);
    try {
      const patch: { email?: string; name?: string } = {};
      if (email.trim() !== c.email) patch.email = email.trim();
      if (name.trim() !== c.name) patch.name = name.trim();
      if (Object.keys(patch).length > 0) await adminApi.updateContact(c.id, patch);
      onSaved(patch.email ? `Saved. Email now goes to ${patch.email}, and they sign in with that address.` : 'Saved.');
    } catch (err) {
      errors.fail(deskError(err));
      setBusy(false);
    }
  }

  return (
    <section className="card section-card" aria-labelledby="edit-contact-title">
      <h2 id="edit-contact-title">Edit contact</h2>
      {errors.message && <ErrorAlert>{errors.message}</ErrorAlert>}
      <form ref={errors.formRef} onSubmit={onSubmit} noValidate className="form form-inline">
        <TextField label="Name" name="name" autoComplete="off" autoFocus value={name} onValueChange={setName} error={errors.fields.name} />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="off"
          spellCheck={false}
          required
          hint="The address they sign in with and where access emails go."
          value={email}
          onValueChange={setEmail}
          error={errors.fields.email}
        />
        <div className="form-actions">
          <Button type="submit" busy={busy} busyLabel="Saving…">
            Save changes
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </section>
  );
}
