import { useState } from 'react';
import { useNavigate } from 'react-router';
import { adminApi } from '../../../api/admin';
import { EmailField, TextField } from '../../../components/Field';
import { DeskForm } from '../forms/DeskForm';
import { emailProblem } from '../forms/emailProblem';
import { FormActions } from '../forms/FormActions';
import { useDeskForm } from '../forms/useDeskForm';
import { contactKeys } from '../queries/contacts';

const FIELDS = ['email', 'name'] as const;

export function NewContactForm({ onCancel }: { onCancel: () => void }) {
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const form = useDeskForm({
    fields: FIELDS,
    dirty: Boolean(email.trim() || name.trim()),
    validate: () => ({ email: emailProblem(email, 'Enter the contact’s email address.') }),
    submit: () => adminApi.createContact(email.trim(), name.trim()),
    invalidates: [contactKeys.all],
    onSaved: (c) => {
      void navigate(`/admin/contacts/${encodeURIComponent(c.id)}`, { state: { created: true } });
    },
  });

  return (
    <>
      <p className="muted">Creating a contact sends nothing. Grant an offer afterwards to send the welcome email.</p>
      <DeskForm form={form} className="form form-inline">
        <EmailField autoComplete="off" value={email} onValueChange={setEmail} error={form.fields.email} />
        <TextField label="Name (optional)" name="name" autoComplete="off" value={name} onValueChange={setName} error={form.fields.name} />
        <FormActions form={form} submit="Create contact" busyLabel="Creating…" onCancel={onCancel} />
      </DeskForm>
    </>
  );
}
