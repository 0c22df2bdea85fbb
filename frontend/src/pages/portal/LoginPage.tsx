import { lazy, Suspense, useEffect, useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { authApi, type Session } from '../../api/auth';
import { ErrorAlert, Loading } from '../../components/Alert';
import { Button } from '../../components/Button';
import { CardPage } from '../../components/CardPage';
import { EmailField } from '../../components/Field';
import { PasswordField } from '../../components/PasswordField';
import { ProviderButtons } from '../../components/ProviderButtons';
import { continueTo, isServerStep, safeNextPath } from '../../lib/nextPath';
import { homeFor, isSignedIn, useSession } from '../../lib/session';
import { useFormErrors } from '../../lib/useFormErrors';

const FIELDS = ['email', 'password'] as const;

// The code forms are used far less than the password form: their own chunks, fetched on demand.
const SignInCodeForm = lazy(() => import('./SignInCodeForm').then((m) => ({ default: m.SignInCodeForm })));
const EmailCodeForm = lazy(() => import('./EmailCodeForm').then((m) => ({ default: m.EmailCodeForm })));

/** The sign-in page's address for a way to sign in (?method=), keeping ?next=. */
function loginHref(next: string | null, method?: 'code' | 'email-code'): string {
  const params = new URLSearchParams();
  if (method) params.set('method', method);
  if (next) params.set('next', next);
  const qs = params.toString();
  return qs ? `/login?${qs}` : '/login';
}

export function LoginPage() {
  const { session, adopt } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);
  const signedOut = (location.state as { signedOut?: boolean } | null)?.signedOut === true;
  const appName = useSignInTarget(next);
  const continuing = isSignedIn(session) && !busy && !session.must_change_password && isServerStep(next);

  const method = params.get('method');
  const codeSignIn = session.code_sign_in === true;

  useEffect(() => {
    // Already signed in on the way to an app: the server's next step takes it from here.
    if (continuing) window.location.replace(next);
  }, [continuing, next]);

  if (continuing) return null;
  if (isSignedIn(session) && !busy) {
    return <Navigate to={session.must_change_password ? '/choose-password' : (next ?? homeFor(session))} replace />;
  }

  function signedIn(s: Session) {
    setBusy(true); // the page leaves: no redirect of its own in between
    adopt(s);
    continueTo(s.must_change_password ? '/choose-password' : (next ?? homeFor(s)), navigate);
  }

  if ((method === 'code' && codeSignIn) || method === 'email-code') {
    return (
      <Suspense fallback={<Loading />}>
        {method === 'code' ? (
          <SignInCodeForm initialEmail={email.trim()} passwordHref={loginHref(next)} onSignedIn={signedIn} />
        ) : (
          <EmailCodeForm initialEmail={email.trim()} passwordHref={loginHref(next)} />
        )}
      </Suspense>
    );
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    errors.clear();
    const problems: Record<string, string> = {};
    if (!email.trim()) problems.email = 'Enter your email address.';
    if (!password) problems.password = 'Enter your password.';
    if (Object.keys(problems).length) return errors.invalid(problems);
    setBusy(true);
    try {
      signedIn(await authApi.login(email.trim(), password));
    } catch (err) {
      errors.fail(err);
      setBusy(false);
    }
  }

  return (
    <CardPage title={appName ? `Sign in to continue to ${appName}` : 'Sign in'}>
      {signedOut && !errors.message && <p className="alert alert-success">You have signed out.</p>}
      {errors.message && <ErrorAlert>{errors.message}</ErrorAlert>}
      <form ref={errors.formRef} onSubmit={onSubmit} noValidate className="form">
        <EmailField autoComplete="username" value={email} onValueChange={setEmail} error={errors.fields.email} />
        <PasswordField
          label="Password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onValueChange={setPassword}
          error={errors.fields.password}
        />
        <Button type="submit" busy={busy} busyLabel="Signing in…" className="btn-block">
          Sign in
        </Button>
      </form>
      <ProviderButtons next={next}>
        {codeSignIn && (
          <Link className="btn btn-secondary btn-block" to={loginHref(next, 'code')}>
            Email me a sign-in code
          </Link>
        )}
      </ProviderButtons>
      <ul className="link-list">
        <li>
          <Link to="/forgot-password">Forgot your password?</Link>
        </li>
        <li>
          <Link to={loginHref(next, 'email-code')}>Have a code from an email?</Link>
        </li>
        <li>
          <Link to="/resend-access">Didn't get your access email?</Link>
        </li>
      </ul>
    </CardPage>
  );
}

/**
 * The name of the app a sign-in continues to ("Sign in to continue to Course site"), asked of
 * the server for the step the login returns to: never taken from the address, which anyone
 * could write.
 */
function useSignInTarget(next: string | null): string | null {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    if (!isServerStep(next)) return;
    const ctl = new AbortController();
    authApi.signInTarget(next, ctl.signal).then(
      (res) => setName(res.app.name),
      () => undefined,
    );
    return () => ctl.abort();
  }, [next]);
  return name;
}
