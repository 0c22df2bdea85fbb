import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { authApi, type LinkState } from '../../api/auth';
import { isAbort, toApiError, type ApiError } from '../../api/client';
import { ApiErrorAlert, ErrorAlert, Loading } from '../../components/Alert';
import { Button } from '../../components/Button';
import { CardPage } from '../../components/CardPage';
import {
  forgetFailedLink,
  forgetLink,
  holdFailedLink,
  isCodeProblem,
  isLinkProblem,
  keepLink,
  linkForPage,
  removeHashFromAddressBar,
  type LinkProblem,
} from '../../lib/linkToken';
import { MIN_STAFF_PASSWORD } from '../../lib/passwordLength';
import { homeFor, isSignedIn, useSession } from '../../lib/session';
import { useFormErrors } from '../../lib/useFormErrors';
import { CONFIRM_FIELD, NewPasswordFields, newPasswordProblems } from './NewPasswordFields';
import { SignedInAsOther } from './SignedInAsOther';

const FIELDS = ['password', CONFIRM_FIELD] as const;

type LinkCheck = { kind: 'checking' } | { kind: 'ready'; link: LinkState } | { kind: 'failed'; error: ApiError };

function problemOf(code: string): LinkProblem | null {
  if (isLinkProblem(code)) return code;
  return isCodeProblem(code) ? 'code_invalid' : null;
}

/** What a dead link's answer tells about it: a staff set-up link is named as such by the server. */
function deadLinkState(e: ApiError): LinkState | undefined {
  return e.staffSetup ? { purpose: 'set_password', email: '', min_password_length: MIN_STAFF_PASSWORD } : undefined;
}

// /reset and /set-password: the emailed link's token is in the fragment, or the code from the
// email was typed on the sign-in page ("Have a code from an email?"). Opening the page only
// checks the link (mail scanners open links too); the password is set when the member submits.
export function SetPasswordPage() {
  const navigate = useNavigate();
  const { session, adopt } = useSession();
  const [kept] = useState(() => linkForPage(window.location.hash));
  const key = kept?.key ?? null;
  const [check, setCheck] = useState<LinkCheck>({ kind: 'checking' });
  const [attempt, setAttempt] = useState(0);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);

  useEffect(() => {
    removeHashFromAddressBar();
  }, []);

  // The link lives in this tab for the page's life: a reload finds it again, leaving the page
  // (to the next page, or the expired-link page) forgets it.
  useEffect(() => {
    if (!key) return;
    keepLink(key, kept?.state);
    return () => forgetLink();
  }, [key, kept]);

  const showExpired = useCallback(
    (problem: LinkProblem | 'missing', state?: LinkState) => {
      if (problem === 'missing') forgetFailedLink();
      else holdFailedLink({ problem, token: key && 'token' in key ? key.token : undefined, state: state ?? kept?.state });
      navigate('/link-expired', { replace: true });
    },
    [navigate, key, kept],
  );
  const showExpiredRef = useRef(showExpired);
  showExpiredRef.current = showExpired;

  useEffect(() => {
    if (!key) {
      showExpiredRef.current('missing');
      return;
    }
    const ctl = new AbortController();
    setCheck({ kind: 'checking' });
    authApi.checkLink(key, ctl.signal).then(
      (link) => {
        keepLink(key, link);
        setCheck({ kind: 'ready', link });
      },
      (err: unknown) => {
        if (ctl.signal.aborted || isAbort(err)) return;
        const e = toApiError(err);
        const problem = problemOf(e.code);
        if (problem) showExpiredRef.current(problem, deadLinkState(e));
        else setCheck({ kind: 'failed', error: e });
      },
    );
    return () => ctl.abort();
  }, [key, attempt]);

  if (check.kind !== 'ready') {
    return (
      <CardPage title="Checking your link">
        {check.kind === 'failed' ? <ApiErrorAlert error={check.error} onRetry={() => setAttempt((n) => n + 1)} /> : <Loading label="Checking your link…" />}
      </CardPage>
    );
  }

  const { link } = check;
  const signedInAs = isSignedIn(session) ? session.contact?.email : undefined;
  // Saving would sign this browser's user out and the link's owner in: ask first.
  if (signedInAs && signedInAs.toLowerCase() !== link.email.toLowerCase() && !busy) {
    return (
      <SignedInAsOther
        signedInAs={signedInAs}
        linkFor={link.email}
        onCancel={() => {
          forgetLink();
          navigate(homeFor(session), { replace: true });
        }}
      />
    );
  }

  const title = link.purpose === 'reset' ? 'Choose a new password' : 'Choose your password';

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy || !key) return;
    errors.clear();
    const problems = newPasswordProblems('password', password, confirm, link.min_password_length);
    if (Object.keys(problems).length) return errors.invalid(problems);
    setBusy(true);
    try {
      const s = await authApi.resetPassword(key, password);
      forgetLink(); // used: a reload must not offer it again
      adopt(s);
      navigate(homeFor(s), { replace: true });
    } catch (err) {
      setBusy(false);
      const apiErr = toApiError(err);
      const problem = problemOf(apiErr.code);
      if (problem) return showExpired(problem, link);
      errors.fail(apiErr);
    }
  }

  return (
    <CardPage title={title}>
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
    </CardPage>
  );
}
