import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';

type Variant = 'primary' | 'secondary' | 'danger' | 'quiet';

type Props = ButtonHTMLAttributes<HTMLButtonElement> & {
  /** React 19 passes ref as a prop: it reaches the <button> with the rest. */
  ref?: Ref<HTMLButtonElement>;
  variant?: Variant;
  /** While busy the button stays focusable (focus is not lost) but ignores presses. */
  busy?: boolean;
  busyLabel?: ReactNode;
};

export function Button({ variant = 'primary', busy = false, busyLabel, children, className, onClick, type = 'button', ...rest }: Props) {
  return (
    <button
      {...rest}
      type={type}
      className={['btn', `btn-${variant}`, busy ? 'is-busy' : '', className ?? ''].filter(Boolean).join(' ')}
      aria-disabled={busy || rest.disabled ? true : undefined}
      onClick={(e) => {
        if (busy) {
          e.preventDefault();
          return;
        }
        onClick?.(e);
      }}
    >
      {busy && <span className="spinner" aria-hidden="true" />}
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}
