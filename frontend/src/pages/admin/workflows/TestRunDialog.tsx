import { useEffect, useState } from 'react';
import type { ContactSummary } from '../../../api/admin';
import { workflowsApi } from '../../../api/workflows';
import { DeskForm } from '../forms/DeskForm';
import { FormDialog } from '../forms/FormDialog';
import { useDeskForm } from '../forms/useDeskForm';
import { workflowKeys } from '../queries/workflows';
import { ContactPicker, type PickerText } from '../templates/ContactPicker';

const FORM_ID = 'test-run-form';

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
  const form = useDeskForm({
    fields: [],
    validate: () => ({ contact_id: contact ? undefined : 'Choose the contact to run it for.' }),
    submit: () => workflowsApi.testRun(workflowId, contact?.id ?? ''),
    // Its run shows in the runs tables of the workflow and of the contact.
    invalidates: [workflowKeys.record(workflowId), ['contacts', 'record', contact?.id ?? '']],
    onSaved: () => onClose(`Test run started for ${contact?.name || contact?.email}. It runs now with waits skipped; follow it under Runs.`),
  });
  const { reset } = form;

  useEffect(() => {
    if (!open) return;
    setContact(null);
    reset();
  }, [open, reset]);

  return (
    <FormDialog open={open} title={`Test run: ${workflowName}`} form={form} formId={FORM_ID} submit="Run now" busyLabel="Starting…" onClose={() => onClose(null)}>
      <DeskForm form={form} id={FORM_ID}>
        <p>
          Runs the workflow for one contact now, whether it is enabled or not. <strong>Its actions really happen</strong>: emails are sent,
          offers granted or revoked. Waits are skipped.
        </p>
        {dirty && <p className="dialog-warning">You have unsaved changes: the test runs the saved version.</p>}
      </DeskForm>
      {/* Outside the form: Enter in its search box searches, it does not start the run. */}
      <ContactPicker chosen={contact} onChoose={setContact} text={PICKER_TEXT} />
    </FormDialog>
  );
}
