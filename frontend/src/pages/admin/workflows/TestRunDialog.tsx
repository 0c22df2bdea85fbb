import { useEffect, useState } from 'react';
import type { ContactSummary } from '../../../api/admin';
import { workflowsApi } from '../../../api/workflows';
import { Button } from '../../../components/Button';
import { Dialog } from '../../../components/Dialog';
import { deskErrorText } from '../DeskAlerts';
import { ContactPicker, type PickerText } from '../templates/ContactPicker';

const PICKER_TEXT: PickerText = {
  label: 'Contact',
  hint: 'Search by name or address, then choose one.',
  chosen: 'Test run for',
  clear: 'Choose another contact',
};

interface Props {
  open: boolean;
  workflowId: string;
  workflowName: string;
  /** Unsaved edits are not part of a test run: the saved version runs. */
  dirty: boolean;
  onClose: (started: string | null) => void;
}

/** Runs the saved workflow for one contact now, waits skipped: real emails, real grants. */
export function TestRunDialog({ open, workflowId, workflowName, dirty, onClose }: Props) {
  const [contact, setContact] = useState<ContactSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setContact(null);
    setError(null);
  }, [open]);

  async function run() {
    if (busy) return;
    if (!contact) return setError('Choose the contact to run it for.');
    setBusy(true);
    setError(null);
    try {
      await workflowsApi.testRun(workflowId, contact.id);
      onClose(`Test run started for ${contact.name || contact.email}. It runs now with waits skipped; follow it under Runs.`);
    } catch (err) {
      setError(deskErrorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      title={`Test run: ${workflowName}`}
      onClose={() => !busy && onClose(null)}
      busy={busy}
      error={error}
      describe={false}
      className="dialog-wide"
      actions={
        <>
          <button type="button" className="btn btn-secondary" onClick={() => onClose(null)} disabled={busy}>
            Cancel
          </button>
          <Button busy={busy} busyLabel="Starting…" onClick={run}>
            Run now
          </Button>
        </>
      }
    >
      <p>
        Runs the workflow for one contact now, whether it is enabled or not. <strong>Its actions really happen</strong>: emails are sent,
        offers granted or revoked. Waits are skipped.
      </p>
      {dirty && <p className="dialog-warning">You have unsaved changes: the test runs the saved version.</p>}
      <ContactPicker chosen={contact} onChoose={setContact} text={PICKER_TEXT} />
    </Dialog>
  );
}
