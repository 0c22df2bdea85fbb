import type { ReactNode } from 'react';
import { TextField } from '../../../components/Field';

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
