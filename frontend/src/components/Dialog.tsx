import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';

interface Props {
  open: boolean;
  title: string;
  children: ReactNode;
  /** The buttons at the bottom. */
  actions: ReactNode;
  /** Escape (and the caller's Cancel) closes; ignored while busy. */
  onClose: () => void;
  busy?: boolean;
  /** Where focus starts; by default the browser's choice (the first focusable control). */
  initialFocus?: RefObject<HTMLElement | null>;
  error?: string | null;
  className?: string;
  /** Whether the body is read as the dialog's description (a short confirmation: yes; a form: no). */
  describe?: boolean;
}

// A modal with any content and buttons (forms, secrets shown once, ConfirmDialog's questions) on
// the native <dialog>: the browser traps focus and makes the rest of the page inert. Focus
// returns to whatever opened the dialog when it closes (or to the page's <h1> when that control
// is gone).
export function Dialog({ open, title, children, actions, onClose, busy, initialFocus, error, className, describe = true }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const id = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
      initialFocus?.current?.focus();
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
      const back = opener.current?.isConnected ? opener.current : document.querySelector<HTMLElement>('main h1');
      back?.focus();
      opener.current = null;
    }
  }, [open, initialFocus]);

  return (
    <dialog
      ref={ref}
      className={['dialog', className ?? ''].filter(Boolean).join(' ')}
      aria-labelledby={`${id}-title`}
      aria-describedby={describe ? `${id}-body` : undefined}
      onCancel={(e) => {
        // Escape: let React state close it, so state and DOM agree.
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id={`${id}-title`} className="dialog-title">
        {title}
      </h2>
      <div id={`${id}-body`} className="dialog-body">
        {open && children}
      </div>
      {error && (
        <p role="alert" className="alert alert-error">
          {error}
        </p>
      )}
      <div className="dialog-actions">{actions}</div>
    </dialog>
  );
}
