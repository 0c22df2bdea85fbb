import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { authApi } from '../../api/auth';
import { toApiError } from '../../api/client';
import { ErrorAlert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { CardPage } from '../../components/CardPage';
import { EmailField } from '../../components/Field';
import { keepLink } from '../../lib/linkToken';
import { useFormErrors } from '../../lib/useFormErrors';
import { CodeField, codeProblem, emailProblem } from './CodeField';

const FIELDS = ['email', 'code'] as const;

/**
 * "Have a code from an email?": the code printed beside an emailed link, for a member who reads
 * the email on one device and signs in on another. It opens the same choose-a-password page
 * as the link (which checks it again and uses it only when the password is saved).
 */
export function EmailCodeForm({ initialEmail, passwordHref }: { initialEmail: string; passwordHref: string }) {
  const navigate = useNavigate();
  const [email, setEmail] = useState(initialEmail);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [dead, setDead] = useState(false);
  const deadRef = useRef<HTMLDivElement>(null);
  const errors = useFormErrors(FIELDS);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    errors.clear();
    setDead(false);
    const key = { email: email.trim(), code: code.trim() };
    const problems: Record<string, string> = {};
    const badEmail = emailProblem(key.email);
    const badCode = codeProblem(key.code);
    if (badEmail) problems.email = badEmail;
    if (badCode) problems.code = badCode;
    if (Object.keys(problems).length) return errors.invalid(problems);
    setBusy(true);
    try {
      const link = await authApi.checkLink(key);
      keepLink(key, link);
      navigate(link.purpose === 'reset' ? '/reset' : '/set-password');
    } catch (err) {
      setBusy(false);
      const apiErr = toApiError(err);
      if (apiErr.code === 'code_dead') {
        setDead(true);
        window.setTimeout(() => deadRef.current?.focus(), 0);
        return;
      }
      errors.fail(apiErr);
    }
  }

  return (
    <CardPage title="Use a code from an email">
      <p className="lead">
        Emails with a link to choose your password also carry a 6-digit code. If the link doesn't open where you are, enter the
        address the email went to and its code.
      </p>
      {dead && (
        <ErrorAlert ref={deadRef}>
          <p>
            Too many wrong tries: this code no longer works. The link in the same email still does, or{' '}
            <Link to="/forgot-password">ask for a new email</Link>.
          </p>
        </ErrorAlert>
      )}
      {errors.message && <ErrorAlert>{errors.message}</ErrorAlert>}
      <form ref={errors.formRef} onSubmit={onSubmit} noValidate className="form">
        <EmailField autoComplete="username" value={email} onValueChange={setEmail} error={errors.fields.email} />
        <CodeField label="Code" hint="The 6 digits beside the link in the email." value={code} onValueChange={setCode} error={errors.fields.code} />
        <Button type="submit" busy={busy} busyLabel="Checking…" className="btn-block">
          Continue
        </Button>
      </form>
      <ul className="link-list">
        <li>
          <Link to={passwordHref}>Sign in with a password instead</Link>
        </li>
        <li>
          <Link to="/resend-access">Didn't get your access email?</Link>
        </li>
      </ul>
    </CardPage>
  );
}
