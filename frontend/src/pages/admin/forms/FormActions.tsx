import type { ReactNode } from 'react';
import { Button } from '../../../components/Button';

interface Props {
  form: { busy: boolean };
  /** The submit button's words, and its words while busy. */
  submit: ReactNode;
  busyLabel: string;
  onCancel?: () => void;
  /** Anything after the buttons (a status line, another action). */
  children?: ReactNode;
}

/** A desk form's buttons: submit (busy while saving), then Cancel when the form can be closed. */
export function FormActions({ form, submit, busyLabel, onCancel, children }: Props) {
  return (
    <div className="form-actions">
      <Button type="submit" busy={form.busy} busyLabel={busyLabel}>
        {submit}
      </Button>
      {onCancel && (
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      )}
      {children}
    </div>
  );
}
