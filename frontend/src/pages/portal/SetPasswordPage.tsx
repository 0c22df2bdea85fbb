import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { authApi, type LinkState } from '../../api/auth';
import { isAbort, toApiError, type ApiError } from '../../api/client';
import { ApiErrorAlert, ErrorAlert, Loading } from '../../components/Alert';
import { Button } from '../../components/Button';
import { PageHeading } from '../../components/PageHeading';
import { forgetFailedLink, holdFailedLink, isLinkProblem, removeHashFromAddressBar, tokenFromHash } from '../../lib/linkToken';
import { homeFor, useSession } from '../../lib/session';
import { useFormErrors } from '../../lib/useFormErrors';
import { CONFIRM_FIELD, NewPasswordFields, newPasswordProblems } from './NewPasswordFields';

const FIELDS = ['password', CONFIRM_FIELD] as const;

type LinkCheck = { kind: 'checking' } | { kind: 'ready'; link: LinkState } | { kind: 'failed'; error: ApiError };

// /reset and /set-password: the emailed link's token is in the fragment. Opening the page only
// checks the link (mail scanners open links too); the password is set when the member submits.
export function SetPasswordPage() {
  const navigate = useNavigate();
  const { adopt } = useSession();
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [check, setCheck] = useState<LinkCheck>({ kind: 'checking' });
  const [attempt, setAttempt] = useState(0);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);

  useEffect(() => {
    removeHashFromAddressBar();
  }, []);

  const showExpired = useCallback(
    (code: string) => {
      if (token && isLinkProblem(code)) holdFailedLink(token, code);
      else forgetFailedLink();
      navigate('/link-expired', { replace: true });
    },
    [navigate, token],
  );
  const showExpiredRef = useRef(showExpired);
  showExpiredRef.current = showExpired;

  useEffect(() => {
    if (!token) {
      showExpiredRef.current('missing');
      return;
    }
    const ctl = new AbortController();
    setCheck({ kind: 'checking' });
    authApi.checkLink(token, ctl.signal).then(
      (link) => setCheck({ kind: 'ready', link }),
      (err: unknown) => {
        if (ctl.signal.aborted || isAbort(err)) return;
        const e = toApiError(err);
        if (isLinkProblem(e.code)) showExpiredRef.current(e.code);
        else setCheck({ kind: 'failed', error: e });
      },
    );
    return () => ctl.abort();
  }, [token, attempt]);

  if (check.kind !== 'ready') {
    return (
      <div className="page page-narrow">
        <div className="card">
          <PageHeading title="Checking your link" />
          {check.kind === 'failed' ? <ApiErrorAlert error={check.error} onRetry={() => setAttempt((n) => n + 1)} /> : <Loading label="Checking your link…" />}
        </div>
      </div>
    );
  }

  const { link } = check;
  const title = link.purpose === 'reset' ? 'Choose a new password' : 'Choose your password';

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy || !token) return;
    errors.clear();
    const problems = newPasswordProblems('password', password, confirm, link.min_password_length);
    if (Object.keys(problems).length) return errors.invalid(problems);
    setBusy(true);
    try {
      const s = await authApi.resetPassword(token, password);
      adopt(s);
      navigate(homeFor(s), { replace: true });
    } catch (err) {
      setBusy(false);
      const apiErr = toApiError(err);
      if (isLinkProblem(apiErr.code)) return showExpired(apiErr.code);
      errors.fail(apiErr);
    }
  }

  return (
    <div className="page page-narrow">
      <div className="card">
        <PageHeading title={title} />
        <p className="lead">
          {link.purpose === 'reset' ? 'Choose a new password for ' : 'Choose a password for '}
          <strong>{link.email}</strong>. You'll be signed in straight after.
        </p>
        {errors.message && <ErrorAlert>{errors.message}</ErrorAlert>}
        <form ref={errors.formRef} onSubmit={onSubmit} noValidate className="form">
          {/* Lets password managers save the new password under the right account. */}
          <input type="email" name="username" autoComplete="username" value={link.email} readOnly hidden />
          <NewPasswordFields
            name="password"
            value={password}
            confirm={confirm}
            onValueChange={setPassword}
            onConfirmChange={setConfirm}
            minLength={link.min_password_length}
            errors={errors.fields}
          />
          <Button type="submit" busy={busy} busyLabel="Saving…" className="btn-block">
            {link.purpose === 'reset' ? 'Save new password' : 'Save password and continue'}
          </Button>
        </form>
      </div>
    </div>
  );
}
