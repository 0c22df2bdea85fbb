import type { Ref } from 'react';
import { TextField } from '../../components/Field';

interface Props {
  label: string;
  hint?: string;
  value: string;
  onValueChange: (v: string) => void;
  error?: string;
  ref?: Ref<HTMLInputElement>;
}

/**
 * A 6-digit emailed code: the phone's number pad (inputmode) and the code offered by the
 * keyboard or the mail app (one-time-code). Typed as text, not a number: spaces and dashes
 * ("123 456", "123-456") are fine and a leading zero stays.
 */
export function CodeField({ label, hint, value, onValueChange, error, ref }: Props) {
  return (
    <TextField
      ref={ref}
      label={label}
      hint={hint}
      name="code"
      autoComplete="one-time-code"
      inputMode="numeric"
      autoCapitalize="none"
      autoCorrect="off"
      spellCheck={false}
      required
      className="field-code"
      value={value}
      onValueChange={onValueChange}
      error={error}
    />
  );
}

/** A message for a code that cannot be right, or null (the server decides the rest). */
export function codeProblem(code: string): string | null {
  // The separators the server accepts: spaces (also no-break) and dashes (also typographic ones).
  const digits = code.replace(/[\s\-\u2010-\u2014]/g, '');
  if (digits === '') return 'Enter the 6-digit code from the email.';
  if (!/^\d{6}$/.test(digits)) return 'Enter the 6 digits from the email (spaces and dashes are fine).';
  return null;
}

/** A message for an email address that cannot be right, or null. */
export function emailProblem(email: string): string | null {
  if (!email) return 'Enter your email address.';
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return 'Enter an email address like name@example.com.';
  return null;
}
