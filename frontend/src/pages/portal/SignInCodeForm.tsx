import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { authApi, type Session } from '../../api/auth';
import { toApiError } from '../../api/client';
import { ErrorAlert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { CardPage } from '../../components/CardPage';
import { EmailField } from '../../components/Field';
import { useFormErrors } from '../../lib/useFormErrors';
import { CodeField, codeProblem, emailProblem } from './CodeField';

const EMAIL_FIELDS = ['email'] as const;
const CODE_FIELDS = ['code'] as const;

// The address the code went to, kept in this tab for the code's life: phones often drop a
// background tab while the member reads the email, and the page must come back at the code
// step. The address only (never the code), in sessionStorage: this tab, gone when it closes.
const STEP_KEY = 'gatehouse.signInCode';
const CODE_LIFE_MS = 10 * 60 * 1000;

function keptAddress(): string | null {
  try {
    const v = JSON.parse(window.sessionStorage.getItem(STEP_KEY) ?? 'null') as { email?: unknown; at?: unknown } | null;
    if (typeof v?.email === 'string' && typeof v.at === 'number' && Date.now() - v.at < CODE_LIFE_MS) return v.email;
  } catch {
    // Nothing kept: start at the email step.
  }
  return null;
}

function keepAddress(email: string | null): void {
  try {
    if (email) window.sessionStorage.setItem(STEP_KEY, JSON.stringify({ email, at: Date.now() }));
    else window.sessionStorage.removeItem(STEP_KEY);
  } catch {
    // Not kept: a reload starts at the email step.
  }
}

interface Props {
  /** An address already typed on the password form. */
  initialEmail: string;
  /** The password form's address, with next (where signing in would have gone). */
  passwordHref: string;
  onSignedIn: (s: Session) => void;
}

/** "Email me a sign-in code": the address, then the code, on the same page. */
export function SignInCodeForm({ initialEmail, passwordHref, onSignedIn }: Props) {
  const [sentTo, setSentTo] = useState<string | null>(keptAddress);
  const [lastEmail, setLastEmail] = useState(() => sentTo ?? initialEmail);
  const [resent, setResent] = useState(false);
  return (
    <CardPage title="Sign in with a code">
      {/* Present at both steps so screen readers announce where the code went. */}
      <div role="status" className="status-panel-region">
        {sentTo && (
          <div className="status-panel">
            <p className="status-panel-title">{resent ? 'We sent a new code' : 'Check your email'}</p>
            <p>
              We sent a code to <strong>{sentTo}</strong> if it has an account. It works in this browser for 10 minutes
              {resent ? ' and replaces the code sent before' : ''}.
            </p>
            <p className="muted">It can take a minute to arrive. Look in your spam or junk folder too.</p>
          </div>
        )}
      </div>
      {sentTo ? (
        <CodeStep
          email={sentTo}
          onResent={() => {
            keepAddress(sentTo);
            setResent(true);
          }}
          onSignedIn={(s) => {
            keepAddress(null);
            onSignedIn(s);
          }}
          onChangeEmail={() => {
            keepAddress(null);
            setResent(false);
            setSentTo(null);
          }}
        />
      ) : (
        <EmailStep
          initialEmail={lastEmail}
          onSent={(email) => {
            keepAddress(email);
            setLastEmail(email);
            setSentTo(email);
          }}
        />
      )}
      <p className="back-link">
        <Link to={passwordHref}>Sign in with a password instead</Link>
      </p>
    </CardPage>
  );
}

function EmailStep({ initialEmail, onSent }: { initialEmail: string; onSent: (email: string) => void }) {
  const [email, setEmail] = useState(initialEmail);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(EMAIL_FIELDS);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    errors.clear();
    const value = email.trim();
    const problem = emailProblem(value);
    if (problem) return errors.invalid({ email: problem });
    setBusy(true);
    try {
      await authApi.requestCode(value);
      onSent(value);
    } catch (err) {
      errors.fail(err);
      setBusy(false);
    }
  }

  return (
    <>
      <p className="lead">We'll email you a 6-digit code to sign in with, no password needed. It works in this browser for 10 minutes.</p>
      {errors.message && <ErrorAlert>{errors.message}</ErrorAlert>}
      <form ref={errors.formRef} onSubmit={onSubmit} noValidate className="form">
        <EmailField autoComplete="username" value={email} onValueChange={setEmail} error={errors.fields.email} />
        <Button type="submit" busy={busy} busyLabel="Sending…" className="btn-block">
          Email me a code
        </Button>
      </form>
    </>
  );
}

interface CodeStepProps {
  email: string;
  onResent: () => void;
  onSignedIn: (s: Session) => void;
  onChangeEmail: () => void;
}

function CodeStep({ email, onResent, onSignedIn, onChangeEmail }: CodeStepProps) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [resending, setResending] = useState(false);
  const [dead, setDead] = useState(false);
  const [resendError, setResendError] = useState<string | null>(null);
  const deadRef = useRef<HTMLDivElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const errors = useFormErrors(CODE_FIELDS);

  // The code is what the member types next (or what the keyboard offers from the email).
  useEffect(() => codeRef.current?.focus(), []);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    errors.clear();
    const problem = codeProblem(code);
    if (problem) return errors.invalid({ code: problem });
    setBusy(true);
    try {
      onSignedIn(await authApi.verifyCode(email, code.trim()));
    } catch (err) {
      setBusy(false);
      const apiErr = toApiError(err);
      if (apiErr.code === 'code_dead') {
        // Five wrong tries: this code is gone. The way on is a new one, not another try.
        setDead(true);
        setCode('');
        window.setTimeout(() => deadRef.current?.focus(), 0);
        return;
      }
      errors.fail(apiErr);
    }
  }

  async function resend() {
    if (resending) return;
    setResending(true);
    setResendError(null);
    try {
      await authApi.requestCode(email);
      setDead(false);
      setCode('');
      errors.clear();
      onResent();
      codeRef.current?.focus();
    } catch (err) {
      setResendError(toApiError(err).message);
    } finally {
      setResending(false);
    }
  }

  return (
    <>
      {dead && (
        <ErrorAlert ref={deadRef}>
          <p>Too many wrong tries: this code no longer works. Ask for a new code.</p>
          <Button variant="secondary" className="btn-small" onClick={resend} busy={resending} busyLabel="Sending…">
            Email me a new code
          </Button>
        </ErrorAlert>
      )}
      {resendError && <ErrorAlert>{resendError}</ErrorAlert>}
      {errors.message && <ErrorAlert>{errors.message}</ErrorAlert>}
      <form ref={errors.formRef} onSubmit={onSubmit} noValidate className="form">
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <CodeField
          ref={codeRef}
          label="Sign-in code"
          hint="The 6 digits from the email."
          value={code}
          onValueChange={setCode}
          error={errors.fields.code}
        />
        <Button type="submit" busy={busy} busyLabel="Signing in…" className="btn-block">
          Sign in
        </Button>
      </form>
      <div className="form-actions code-actions">
        {!dead && (
          <Button variant="secondary" onClick={resend} busy={resending} busyLabel="Sending…">
            Email me a new code
          </Button>
        )}
        <Button variant="quiet" onClick={onChangeEmail}>
          Use a different email
        </Button>
      </div>
    </>
  );
}
