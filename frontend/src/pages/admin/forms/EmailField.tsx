import type { ReactNode } from 'react';
import { TextField } from '../../../components/Field';

/** The server's words for an address that is not one (a plain check: the server has the last word). */
export const EMAIL_EXAMPLE = 'Enter an email address like name@example.com.';

/** What is wrong with a typed address: empty (the form's own words), or plainly not one address. */
export function emailProblem(value: string, whenEmpty: string): string | undefined {
  const v = value.trim();
  if (!v) return whenEmpty;
  return /^[^\s@,;<>]+@[^\s@,;<>]+$/.test(v) ? undefined : EMAIL_EXAMPLE;
}

/** Someone's email address in a desk form (no autofill: it is never the staff member's own). */
export function EmailField({
  value,
  onValueChange,
  error,
  hint,
}: {
  value: string;
  onValueChange: (v: string) => void;
  error?: string;
  hint?: ReactNode;
}) {
  return (
    <TextField
      label="Email"
      name="email"
      type="email"
      autoComplete="off"
      spellCheck={false}
      required
      hint={hint}
      value={value}
      onValueChange={onValueChange}
      error={error}
    />
  );
}
