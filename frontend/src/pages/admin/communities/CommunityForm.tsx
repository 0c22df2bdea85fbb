import { useState, type FormEvent } from 'react';
import type { Community, CommunityInput } from '../../../api/catalog';
import { ErrorAlert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { TextAreaField, TextField } from '../../../components/Field';
import { isHttpUrl } from '../../../lib/safeUrl';
import { useFormErrors } from '../../../lib/useFormErrors';
import { deskError } from '../DeskAlerts';

const FIELDS = ['name', 'description', 'url'] as const;

interface Props {
  initial?: Community;
  submitLabel: string;
  busyLabel: string;
  /** Read-only (support): the fields are shown, disabled, without buttons. */
  readOnly?: boolean;
  onSubmit: (input: CommunityInput) => Promise<void>;
  onCancel?: () => void;
}

/** Name, description and address of a community (create and edit). */
export function CommunityForm({ initial, submitLabel, busyLabel, readOnly, onSubmit, onCancel }: Props) {
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [url, setUrl] = useState(initial?.url ?? '');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    errors.clear();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = 'Give the community a name.';
    if (url.trim() && !isHttpUrl(url.trim())) problems.url = 'Use an address starting with https:// or http://.';
    if (Object.keys(problems).length) return errors.invalid(problems);
    setBusy(true);
    try {
      await onSubmit({ name: name.trim(), description: description.trim(), url: url.trim() });
    } catch (err) {
      errors.fail(deskError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {errors.message && <ErrorAlert>{errors.message}</ErrorAlert>}
      <form ref={errors.formRef} onSubmit={submit} noValidate className="form">
        <fieldset disabled={readOnly} className="fieldset-plain form">
          <TextField label="Name" name="name" required autoComplete="off" value={name} onValueChange={setName} error={errors.fields.name} />
          <TextAreaField
            label="Description (optional)"
            name="description"
            hint="Shown to members on their communities page."
            value={description}
            onValueChange={setDescription}
            error={errors.fields.description}
          />
          <TextField
            label="Address (optional)"
            name="url"
            type="url"
            inputMode="url"
            spellCheck={false}
            autoComplete="off"
            placeholder="https://"
            hint="Where members go to take part: a forum, a chat, a group."
            value={url}
            onValueChange={setUrl}
            error={errors.fields.url}
          />
        </fieldset>
        {!readOnly && (
          <div className="form-actions">
            <Button type="submit" busy={busy} busyLabel={busyLabel}>
              {submitLabel}
            </Button>
            {onCancel && (
              <Button variant="secondary" onClick={onCancel}>
                Cancel
              </Button>
            )}
          </div>
        )}
      </form>
    </>
  );
}
