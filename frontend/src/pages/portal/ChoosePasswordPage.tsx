import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { portalApi } from '../../api/portal';
import { ErrorAlert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { CardPage } from '../../components/CardPage';
import { minPasswordLength } from '../../lib/passwordLength';
import { homeFor, sessionIsStaff, useSession } from '../../lib/session';
import { useFormErrors } from '../../lib/useFormErrors';
import { CONFIRM_FIELD, NewPasswordFields, newPasswordProblems } from './NewPasswordFields';

const FIELDS = ['new_password', CONFIRM_FIELD] as const;

// After signing in with a temporary password set by staff: that password is good for this one
// thing, so the current password is not asked again.
export function ChoosePasswordPage() {
  const { session, refresh } = useSession();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);
  const min = minPasswordLength(sessionIsStaff(session));

  if (!session.must_change_password && !busy) return <Navigate to="/account" replace />;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    errors.clear();
    const problems = newPasswordProblems('new_password', password, confirm, min);
    if (Object.keys(problems).length) return errors.invalid(problems);
    setBusy(true);
    try {
      await portalApi.changePassword('', password);
      const s = await refresh();
      navigate(homeFor(s), { replace: true });
    } catch (err) {
      errors.fail(err);
      setBusy(false);
    }
  }

  return (
    <CardPage title="Choose a new password">
      <p className="lead">
        You signed in with a temporary password. Choose your own password to continue; the temporary one stops working.
      </p>
      {errors.message && <ErrorAlert>{errors.message}</ErrorAlert>}
      <form ref={errors.formRef} onSubmit={onSubmit} noValidate className="form">
        <input type="email" name="username" autoComplete="username" value={session.contact?.email ?? ''} readOnly hidden />
        <NewPasswordFields
          name="new_password"
          value={password}
          confirm={confirm}
          onValueChange={setPassword}
          onConfirmChange={setConfirm}
          minLength={min}
          errors={errors.fields}
        />
        <Button type="submit" busy={busy} busyLabel="Saving…" className="btn-block">
          Save password and continue
        </Button>
      </form>
    </CardPage>
  );
}
