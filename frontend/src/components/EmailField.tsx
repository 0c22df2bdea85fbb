import type { ReactNode } from 'react';
import { TextField } from './Field';

interface Props {
  /**
   * Whose address it is: "username" or "email" when it is the person's own (the browser may
   * fill it in), "off" at the desk, where it is never the staff member's own.
   */
  autoComplete: 'username' | 'email' | 'off';
  value: string;
  onValueChange: (v: string) => void;
  error?: string;
  hint?: ReactNode;
}

/** An email address: the phone's email keyboard, no capitals or spelling marks. */
export function EmailField({ autoComplete, value, onValueChange, error, hint }: Props) {
  return (
    <TextField
      label="Email"
      name="email"
      type="email"
      autoComplete={autoComplete}
      inputMode="email"
      autoCapitalize="none"
      spellCheck={false}
      required
      hint={hint}
      value={value}
      onValueChange={onValueChange}
      error={error}
    />
  );
}
