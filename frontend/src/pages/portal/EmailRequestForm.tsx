import { useRef, useState, type FormEvent } from 'react';
import type { Accepted } from '../../api/auth';
import { ErrorAlert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { EmailField } from '../../components/Field';
import { useFormErrors } from '../../lib/useFormErrors';

const FIELDS = ['email'] as const;

const NEUTRAL = "If an account exists for that address, we've sent an email to it.";

interface Props {
  submitLabel: string;
  busyLabel: string;
  send: (email: string) => Promise<Accepted>;
  /** A heading level for the confirmation, when the form sits under a page heading. */
  confirmationTitle?: string;
}

// One email field, then a neutral confirmation: the answer is the same whether or not an
// account exists (SECURITY.md "Enumeration"), and so is what the page shows.
export function EmailRequestForm({ submitLabel, busyLabel, send, confirmationTitle = 'Check your email' }: Props) {
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<{ to: string; message: string } | null>(null);
  const errors = useFormErrors(FIELDS);
  const panelRef = useRef<HTMLDivElement>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    errors.clear();
    const value = email.trim();
    if (!value) return errors.invalid({ email: 'Enter your email address.' });
    if (!/^[^\s@]+@[^\s@]+$/.test(value)) return errors.invalid({ email: 'Enter an email address like name@example.com.' });
    setBusy(true);
    try {
      const res = await send(value);
      setSent({ to: value, message: res?.message || NEUTRAL });
      window.setTimeout(() => panelRef.current?.focus(), 0);
    } catch (err) {
      errors.fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {/* Present from the start so screen readers announce the confirmation when it appears. */}
      <div role="status" className="status-panel-region">
        {sent && (
          <div className="status-panel" ref={panelRef} tabIndex={-1}>
            <p className="status-panel-title">
              {confirmationTitle}
            </p>
            <p>{sent.message}</p>
            <p className="muted">
              It can take a few minutes to arrive. If you can't find it, look in your spam or junk folder, and check that{' '}
              <strong>{sent.to}</strong> is the address you used.
            </p>
          </div>
        )}
      </div>
      {sent ? (
        <p>
          <button type="button" className="btn btn-secondary" onClick={() => setSent(null)}>
            Use a different address
          </button>
        </p>
      ) : (
        <>
          {errors.message && <ErrorAlert>{errors.message}</ErrorAlert>}
          <form ref={errors.formRef} onSubmit={onSubmit} noValidate className="form">
            <EmailField autoComplete="email" value={email} onValueChange={setEmail} error={errors.fields.email} />
            <Button type="submit" busy={busy} busyLabel={busyLabel} className="btn-block">
              {submitLabel}
            </Button>
          </form>
        </>
      )}
    </>
  );
}
