import { useId, useState } from 'react';
import { FieldShell } from './Field';
import { codePointLength, MAX_PASSWORD_LENGTH } from '../lib/passwordLength';

interface Props {
  label: string;
  name: string;
  value: string;
  onValueChange: (value: string) => void;
  /** current-password when signing in, new-password when choosing one (password managers). */
  autoComplete: 'current-password' | 'new-password';
  error?: string;
  hint?: string;
  /** Shows "at least N characters" and a live count of code points typed. */
  minLength?: number;
  required?: boolean;
}

// A password input with a show/hide toggle. Never truncates (no maxLength: the server counts
// code points, maxLength would count UTF-16 units), and paste works.
export function PasswordField({ label, name, value, onValueChange, autoComplete, error, hint, minLength, required }: Props) {
  const [visible, setVisible] = useState(false);
  const counterId = `pw${useId()}-count`;
  const length = codePointLength(value);
  const counted = minLength !== undefined;
  const fullHint = counted ? [hint, `Use at least ${minLength} characters.`].filter(Boolean).join(' ') : hint;

  return (
    <FieldShell label={label} hint={fullHint} error={error} describedBy={counted ? counterId : undefined}>
      {(a11y) => (
        <>
          <div className="password-input">
            <input
              {...a11y}
              className="input"
              name={name}
              type={visible ? 'text' : 'password'}
              autoComplete={autoComplete}
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              required={required}
              value={value}
              onChange={(e) => onValueChange(e.target.value)}
            />
            <button
              type="button"
              className="btn btn-quiet password-toggle"
              aria-controls={a11y.id}
              aria-pressed={visible}
              aria-label={visible ? 'Hide password' : 'Show password'}
              onClick={() => setVisible((v) => !v)}
            >
              {visible ? 'Hide' : 'Show'}
            </button>
          </div>
          {counted && (
            <p id={counterId} className={'password-count' + (length >= (minLength ?? 0) && length <= MAX_PASSWORD_LENGTH ? ' ok' : '')}>
              {length === 1 ? '1 character' : `${length} characters`}
              {length > 0 && length < (minLength ?? 0) && ` (${(minLength ?? 0) - length} more needed)`}
              {length > MAX_PASSWORD_LENGTH && ` (at most ${MAX_PASSWORD_LENGTH})`}
            </p>
          )}
        </>
      )}
    </FieldShell>
  );
}
