import { useEffect, useState } from 'react';
import { adminApi, type ContactDetail } from '../../../api/admin';
import { CheckboxField } from '../../../components/Field';
import { PasswordField } from '../../../components/PasswordField';
import { minPasswordLength, passwordLengthProblem } from '../../../lib/passwordLength';
import { isStaff } from '../../../lib/roles';
import { DeskForm } from '../forms/DeskForm';
import { FormDialog } from '../forms/FormDialog';
import { useDeskForm } from '../forms/useDeskForm';
import { OneTimeSecret } from '../OneTimeSecret';
import { contactWho } from './record';

const FIELDS = ['password'] as const;
const FORM_ID = 'change-password-form';

type Mode = 'type' | 'generate';

function summary(c: ContactDetail, temporary: boolean, notified: boolean): string {
  return [
    `Password changed for ${c.email}; their sessions and unused links have ended.`,
    temporary ? 'It is temporary: they must choose their own at the next sign-in, within 24 hours.' : '',
    notified ? 'We emailed them that it changed (the email does not contain it).' : 'They were not emailed.',
  ]
    .filter(Boolean)
    .join(' ');
}

/** Change password (admin and owner): type or generate; a generated one is shown exactly once. */
export function ChangePasswordDialog({ contact: c, open, onClose }: { contact: ContactDetail; open: boolean; onClose: (message: string | null) => void }) {
  const [mode, setMode] = useState<Mode>('type');
  const [password, setPassword] = useState('');
  const [temporary, setTemporary] = useState(true);
  const [notify, setNotify] = useState(true);
  const [result, setResult] = useState<{ password?: string; message: string } | null>(null);
  const min = minPasswordLength(isStaff(c.role));
  const form = useDeskForm({
    fields: FIELDS,
    dirty: password !== '',
    validate: () => {
      const problem = mode === 'type' ? passwordLengthProblem(password, min) : null;
      return problem ? { password: problem } : {};
    },
    submit: () => adminApi.setPassword(c.id, mode === 'generate' ? { generate: true, temporary, notify } : { password, temporary, notify }),
    onSaved: (res) => {
      const message = summary(c, res.temporary ?? temporary, res.notified ?? notify);
      setPassword('');
      if (res.password) setResult({ password: res.password, message });
      else onClose(message);
    },
  });
  const { reset, busy } = form;

  useEffect(() => {
    if (!open) return;
    setMode('type');
    setPassword('');
    setTemporary(true);
    setNotify(true);
    setResult(null);
    reset();
  }, [open, reset]);

  const cancel = () => {
    if (!busy) onClose(result?.message ?? null);
  };

  return (
    <FormDialog
      open={open}
      title={result ? 'Password changed' : `Change the password of ${c.name || c.email}`}
      form={form}
      formId={FORM_ID}
      submit={mode === 'generate' ? 'Generate and change password' : 'Change password'}
      busyLabel="Changing…"
      onClose={cancel}
      done={result !== null}
    >
      {result ? (
        <>
          {result.password && (
            <OneTimeSecret
              label="Generated password"
              value={result.password}
              mono
              warning={`Shown only once: copy it now and give it to ${contactWho(c)} by a channel you trust. Nobody can look it up later.`}
            />
          )}
          <p>{result.message}</p>
        </>
      ) : (
        <DeskForm form={form} id={FORM_ID}>
          <p className="muted">
            This is the one password {contactWho(c)} uses for every offer and community. Their sessions and unused links end when it
            changes.
          </p>
          <fieldset className="fieldset">
            <legend>New password</legend>
            <div className="radio-row">
              <label className="radio">
                <input type="radio" name="mode" value="type" checked={mode === 'type'} onChange={() => setMode('type')} /> Type a password
              </label>
              <label className="radio">
                <input type="radio" name="mode" value="generate" checked={mode === 'generate'} onChange={() => setMode('generate')} /> Generate one
              </label>
            </div>
            {mode === 'type' ? (
              <PasswordField
                label="Password"
                name="password"
                autoComplete="new-password"
                minLength={min}
                value={password}
                onValueChange={setPassword}
                error={form.fields.password}
              />
            ) : (
              <p className="field-hint">A random password of at least 20 characters, shown to you once after you confirm.</p>
            )}
          </fieldset>
          <CheckboxField
            label="Require a new password at next sign-in"
            hint="Temporary: it only lets them choose their own password, and stops working after 24 hours."
            checked={temporary}
            onCheckedChange={setTemporary}
          />
          <CheckboxField
            label="Email the member that their password changed"
            hint="The email never contains the password; it says how to report a change they did not make."
            checked={notify}
            onCheckedChange={setNotify}
          />
        </DeskForm>
      )}
    </FormDialog>
  );
}
