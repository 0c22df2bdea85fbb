import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { adminApi } from '../../../api/admin';
import { ErrorAlert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { TextField } from '../../../components/Field';
import { useFormErrors } from '../../../lib/useFormErrors';

const FIELDS = ['email', 'name'] as const;

export function NewContactForm({ onCancel }: { onCancel: () => void }) {
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    errors.clear();
    if (!email.trim()) return errors.invalid({ email: 'Enter the contact’s email address.' });
    setBusy(true);
    try {
      const c = await adminApi.createContact(email.trim(), name.trim());
      navigate(`/admin/contacts/${encodeURIComponent(c.id)}`, { state: { created: true } });
    } catch (err) {
      errors.fail(err);
      setBusy(false);
    }
  }

  return (
    <section className="card section-card" aria-labelledby="new-contact-title">
      <h2 id="new-contact-title">New contact</h2>
      <p className="muted">Creating a contact sends nothing. Grant an offer afterwards to send the welcome email.</p>
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
        <div className="form-actions">
          <Button type="submit" busy={busy} busyLabel="Creating…">
            Create contact
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </section>
  );
}
