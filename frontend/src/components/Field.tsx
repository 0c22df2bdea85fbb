import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

// Form fields: a visible label, optional hint, and an error message wired to the control with
// aria-describedby and aria-invalid, so screen readers read the problem with the field.

interface FieldA11y {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface ShellProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
  id?: string;
  children: (a11y: FieldA11y) => ReactNode;
  /** Extra ids the control is also described by (e.g. a live counter, a group's error). */
  describedBy?: string;
  /** Marks the control invalid when the message is shown elsewhere (a group's error). */
  invalid?: boolean;
}

export function FieldShell({ label, hint, error, className, id, describedBy, invalid, children }: ShellProps) {
  const auto = useId();
  const controlId = id ?? `f${auto}`;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const described = [hintId, describedBy, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={controlId} className="field-label">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {children({ id: controlId, 'aria-invalid': error || invalid ? true : undefined, 'aria-describedby': described })}
      {error && <FieldError id={errorId as string}>{error}</FieldError>}
    </div>
  );
}

export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="field-error">
      <span className="visually-hidden">Error: </span>
      {children}
    </p>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> & {
  /** Reaches the <input> with the rest (React 19 passes ref as a prop). */
  ref?: Ref<HTMLInputElement>;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  describedBy?: string;
  invalid?: boolean;
  value: string;
  onValueChange: (value: string) => void;
};

export function TextField({ label, hint, error, id, value, onValueChange, className, describedBy, invalid, ...rest }: InputProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} id={id} className={className} describedBy={describedBy} invalid={invalid}>
      {(a11y) => <input type="text" {...rest} {...a11y} className="input" value={value} onChange={(e) => onValueChange(e.target.value)} />}
    </FieldShell>
  );
}

type EmailFieldProps = Omit<InputProps, 'label' | 'name' | 'type' | 'inputMode' | 'autoCapitalize' | 'spellCheck' | 'required' | 'autoComplete'> & {
  /**
   * Whose address it is: "username" or "email" when it is the person's own (the browser may
   * fill it in), "off" at the desk, where it is never the staff member's own.
   */
  autoComplete: 'username' | 'email' | 'off';
};

/** An email address: the phone's email keyboard, no capitals or spelling marks. */
export function EmailField(props: EmailFieldProps) {
  return <TextField label="Email" name="email" type="email" inputMode="email" autoCapitalize="none" spellCheck={false} required {...props} />;
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value'> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  value: string;
  onValueChange: (value: string) => void;
};

export function TextAreaField({ label, hint, error, id, value, onValueChange, className, ...rest }: TextAreaProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} id={id} className={className}>
      {(a11y) => <textarea rows={4} {...rest} {...a11y} className="input" value={value} onChange={(e) => onValueChange(e.target.value)} />}
    </FieldShell>
  );
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  value: string;
  onValueChange: (value: string) => void;
  children: ReactNode;
};

export function SelectField({ label, hint, error, id, value, onValueChange, className, children, ...rest }: SelectProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} id={id} className={className}>
      {(a11y) => (
        <select {...rest} {...a11y} className="input" value={value} onChange={(e) => onValueChange(e.target.value)}>
          {children}
        </select>
      )}
    </FieldShell>
  );
}

export function CheckboxField({
  label,
  hint,
  checked,
  onCheckedChange,
  name,
  disabled = false,
  error,
}: {
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  name?: string;
  /** Shown but not changeable; say why in the hint. */
  disabled?: boolean;
  error?: string;
}) {
  const id = `c${useId()}`;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', 'field-check', error ? 'field-invalid' : ''].filter(Boolean).join(' ')}>
      <input
        type="checkbox"
        id={id}
        name={name}
        checked={checked}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        onChange={(e) => onCheckedChange(e.target.checked)}
      />
      <div>
        <label htmlFor={id}>{label}</label>
        {hint && (
          <p id={`${id}-hint`} className="field-hint">
            {hint}
          </p>
        )}
        {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
      </div>
    </div>
  );
}
