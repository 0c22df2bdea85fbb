import type { ReactNode, RefObject } from 'react';
import { Button } from '../../../components/Button';
import { Dialog } from '../../../components/Dialog';

interface Props {
  open: boolean;
  title: string;
  /** The form in the body (<DeskForm id={formId}>), whose submit button is in the actions. */
  form: { busy: boolean };
  formId: string;
  submit: string;
  busyLabel: string;
  /** Cancel, Escape and Done (not while sending). */
  onClose: () => void;
  /** The form did its work and the body shows the result: only Done remains. */
  done?: boolean;
  initialFocus?: RefObject<HTMLElement | null>;
  children: ReactNode;
}

/** A desk form in a modal: Cancel and the form's submit button below it, then Done once it is sent. */
export function FormDialog({ open, title, form, formId, submit, busyLabel, onClose, done = false, initialFocus, children }: Props) {
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      busy={form.busy}
      describe={false}
      className="dialog-wide"
      initialFocus={initialFocus}
      actions={
        done ? (
          <Button onClick={onClose}>Done</Button>
        ) : (
          <>
            <button type="button" className="btn btn-secondary" onClick={onClose} disabled={form.busy}>
              Cancel
            </button>
            <Button type="submit" form={formId} busy={form.busy} busyLabel={busyLabel}>
              {submit}
            </Button>
          </>
        )
      }
    >
      {children}
    </Dialog>
  );
}
