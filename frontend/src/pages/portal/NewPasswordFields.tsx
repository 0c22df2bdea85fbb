import { PasswordField } from '../../components/PasswordField';
import type { FieldErrors } from '../../api/client';
import { passwordLengthProblem } from '../../lib/passwordLength';

interface Props {
  /** The input name the server's field errors use for the new password. */
  name: string;
  value: string;
  confirm: string;
  onValueChange: (v: string) => void;
  onConfirmChange: (v: string) => void;
  minLength: number;
  errors: FieldErrors;
  label?: string;
}

export const CONFIRM_FIELD = 'confirm_password';

/** "New password" with its live length counter, and "Confirm new password". */
export function NewPasswordFields({ name, value, confirm, onValueChange, onConfirmChange, minLength, errors, label = 'New password' }: Props) {
  return (
    <>
      <PasswordField
        label={label}
        name={name}
        autoComplete="new-password"
        required
        minLength={minLength}
        hint="A long phrase you don't use anywhere else is best."
        value={value}
        onValueChange={onValueChange}
        error={errors[name]}
      />
      <PasswordField
        label={`Confirm ${label.toLowerCase()}`}
        name={CONFIRM_FIELD}
        autoComplete="new-password"
        required
        value={confirm}
        onValueChange={onConfirmChange}
        error={errors[CONFIRM_FIELD]}
      />
    </>
  );
}

/** Client-side checks before asking the server (which checks strength too). */
export function newPasswordProblems(name: string, value: string, confirm: string, minLength: number): FieldErrors {
  const out: FieldErrors = {};
  const lengthProblem = passwordLengthProblem(value, minLength);
  if (lengthProblem) out[name] = lengthProblem;
  if (!confirm) out[CONFIRM_FIELD] = 'Type the new password again.';
  else if (confirm !== value) out[CONFIRM_FIELD] = "The passwords don't match.";
  return out;
}
