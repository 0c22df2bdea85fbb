import { useRef, useState } from 'react';
import { adminApi } from '../../../api/admin';
import { EmailField, TextField } from '../../../components/Field';
import { PageHeading } from '../../../components/PageHeading';
import { formatDate } from '../../../lib/dates';
import { roleLabel } from '../../../lib/roles';
import { Badge, ContactStatusBadge } from '../Badges';
import { Notice } from '../DeskAlerts';
import { DeskForm } from '../forms/DeskForm';
import { emailProblem } from '../forms/emailProblem';
import { FormActions } from '../forms/FormActions';
import { useDeskForm } from '../forms/useDeskForm';
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
  const patch: { email?: string; name?: string } = {};
  if (email.trim() !== c.email) patch.email = email.trim();
  if (name.trim() !== c.name) patch.name = name.trim();
  const form = useDeskForm({
    fields: FIELDS,
    dirty: Object.keys(patch).length > 0,
    validate: () => ({ email: emailProblem(email, 'Enter the contact’s email address.') }),
    submit: async () => {
      if (Object.keys(patch).length > 0) await adminApi.updateContact(c.id, patch);
    },
    onSaved: () => onSaved(patch.email ? `Saved. Email now goes to ${patch.email}, and they sign in with that address.` : 'Saved.'),
  });

  return (
    <section className="card section-card" aria-labelledby="edit-contact-title">
      <h2 id="edit-contact-title">Edit contact</h2>
      <DeskForm form={form} className="form form-inline">
        <TextField label="Name" name="name" autoComplete="off" autoFocus value={name} onValueChange={setName} error={form.fields.name} />
        <EmailField autoComplete="off" value={email} onValueChange={setEmail} error={form.fields.email} hint="The address they sign in with and where access emails go." />
        <FormActions form={form} submit="Save changes" busyLabel="Saving…" onCancel={onCancel} />
      </DeskForm>
    </section>
  );
}
