import { useState, type FormEvent } from 'react';
import { portalApi } from '../../api/portal';
import { ErrorAlert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { PasswordField } from '../../components/PasswordField';
import { minPasswordLength } from '../../lib/passwordLength';
import { sessionIsStaff, useSession } from '../../lib/session';
import { useFormErrors } from '../../lib/useFormErrors';
import { CONFIRM_FIELD, NewPasswordFields, newPasswordProblems } from './NewPasswordFields';

const FIELDS = ['current_password', 'new_password', CONFIRM_FIELD] as const;

export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const { session } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const errors = useFormErrors(FIELDS);
  const min = minPasswordLength(sessionIsStaff(session));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    errors.clear();
    setDone(false);
    const problems = newPasswordProblems('new_password', next, confirm, min);
    if (!current) problems.current_password = 'Enter your current password.';
    if (Object.keys(problems).length) return errors.invalid(problems);
    setBusy(true);
    try {
      await portalApi.changePassword(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
      onChanged();
    } catch (err) {
      errors.fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card section-card" aria-labelledby="change-password-title">
      <h2 id="change-password-title">Change password</h2>
      <div role="status">
        {done && <p className="alert alert-success">Your password has been changed. Your other sessions were signed out.</p>}
      </div>
      {errors.message && <ErrorAlert>{errors.message}</ErrorAlert>}
      <form ref={errors.formRef} onSubmit={onSubmit} noValidate className="form">
        <input type="email" name="username" autoComplete="username" value={session.contact?.email ?? ''} readOnly hidden />
        <PasswordField
          label="Current password"
          name="current_password"
          autoComplete="current-password"
          required
          value={current}
          onValueChange={setCurrent}
          error={errors.fields.current_password}
        />
        <NewPasswordFields
          name="new_password"
          value={next}
          confirm={confirm}
          onValueChange={setNext}
          onConfirmChange={setConfirm}
          minLength={min}
          errors={errors.fields}
        />
        <Button type="submit" busy={busy} busyLabel="Changing password…">
          Change password
        </Button>
      </form>
    </section>
  );
}
