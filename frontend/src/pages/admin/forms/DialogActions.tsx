import { Button } from '../../../components/Button';

interface Props {
  form: { busy: boolean };
  /** The form the submit button sends (the dialog's body). */
  formId: string;
  submit: string;
  busyLabel: string;
  onCancel: () => void;
}

/** A form dialog's buttons: Cancel (not while sending), then the submit button of the form in its body. */
export function DialogActions({ form, formId, submit, busyLabel, onCancel }: Props) {
  return (
    <>
      <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={form.busy}>
        Cancel
      </button>
      <Button type="submit" form={formId} busy={form.busy} busyLabel={busyLabel}>
        {submit}
      </Button>
    </>
  );
}
