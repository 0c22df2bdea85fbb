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

interface Props {
  onChanged: () => void;
  /** Right after a code sign-in (fresh_code_sign_in) the server takes a new password without the current one. */
  withoutCurrent?: boolean;
  /** The account has no password yet: this sets its first one. */
  firstPassword?: boolean;
}

export function ChangePasswordForm({ onChanged, withoutCurrent = false, firstPassword = false }: Props) {
  const { session, refresh } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const errors = useFormErrors(FIELDS);
  const min = minPasswordLength(sessionIsStaff(session));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    errors.clear();
    setDone(null);
    const problems = newPasswordProblems('new_password', next, confirm, min);
    if (!current && !withoutCurrent) problems.current_password = 'Enter your current password.';
    if (Object.keys(problems).length) return errors.invalid(problems);
    setBusy(true);
    try {
      await portalApi.changePassword(withoutCurrent ? '' : current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(
        firstPassword
          ? 'Your password is set. You can sign in with it, or with a code as before.'
          : 'Your password has been changed. Your other sessions were signed out.',
      );
      onChanged();
      // The session now says has_password: the section becomes "Change password".
      if (firstPassword) await refresh().catch(() => undefined);
    } catch (err) {
      errors.fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card section-card" aria-labelledby="change-password-title">
      <h2 id="change-password-title">{firstPassword ? 'Set a password' : 'Change password'}</h2>
      {withoutCurrent && (
        <p>
          You signed in with a code from your email a moment ago, so for a few minutes you can{' '}
          {firstPassword ? 'set a password' : 'choose a new password without the current one'}.
        </p>
      )}
      {firstPassword && <p className="muted">A password is optional: you can keep signing in with a code sent to your email.</p>}
      <div role="status">{done && <p className="alert alert-success">{done}</p>}</div>
      {errors.message && <ErrorAlert>{errors.message}</ErrorAlert>}
      <form ref={errors.formRef} onSubmit={onSubmit} noValidate className="form">
        <input type="email" name="username" autoComplete="username" value={session.contact?.email ?? ''} readOnly hidden />
        {!withoutCurrent && (
          <PasswordField
            label="Current password"
            name="current_password"
            autoComplete="current-password"
            required
            value={current}
            onValueChange={setCurrent}
            error={errors.fields.current_password}
          />
        )}
        <NewPasswordFields
          name="new_password"
          value={next}
          confirm={confirm}
          onValueChange={setNext}
          onConfirmChange={setConfirm}
          minLength={min}
          errors={errors.fields}
        />
        <Button type="submit" busy={busy} busyLabel="Saving…">
          {firstPassword ? 'Set password' : 'Change password'}
        </Button>
      </form>
    </section>
  );
}
