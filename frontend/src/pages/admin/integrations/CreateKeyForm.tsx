import { useState, type FormEvent } from 'react';
import { integrationsApi, type NewApiKey } from '../../../api/integrations';
import { ErrorAlert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { CheckboxField, TextField } from '../../../components/Field';
import { useFormErrors } from '../../../lib/useFormErrors';
import { deskError } from '../DeskAlerts';
import { SCOPE_HELP } from './IntegrationsNav';

const FIELDS = ['name', 'scopes', 'rate_per_minute'] as const;

/** A new API key: a name that says which system uses it, and only the scopes it needs. */
export function CreateKeyForm({ scopes, onCreated, onCancel }: { scopes: string[]; onCreated: (k: NewApiKey) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [rate, setRate] = useState('600');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    errors.clear();
    if (!name.trim()) return errors.invalid({ name: 'Name the system that will use this key.' });
    if (chosen.length === 0) return errors.invalid({ scopes: 'Choose at least one scope.' });
    setBusy(true);
    try {
      onCreated(await integrationsApi.createApiKey(name.trim(), chosen, Number(rate) || undefined));
    } catch (err) {
      errors.fail(deskError(err));
      setBusy(false);
    }
  }

  return (
    <section className="card section-card" aria-labelledby="create-key-title">
      <h2 id="create-key-title">Create an API key</h2>
      {errors.message && <ErrorAlert>{errors.message}</ErrorAlert>}
      <form ref={errors.formRef} onSubmit={onSubmit} noValidate className="form">
        <TextField label="Name" name="name" autoComplete="off" hint="Which system uses it, e.g. “Shop checkout”." required value={name} onValueChange={setName} error={errors.fields.name} />
        <fieldset className="fieldset" aria-describedby={errors.fields.scopes ? 'scopes-error' : undefined}>
          <legend>Scopes</legend>
          {scopes.map((s) => (
            <CheckboxField
              key={s}
              name="scopes"
              label={<code>{s}</code>}
              hint={SCOPE_HELP[s]}
              checked={chosen.includes(s)}
              onCheckedChange={(on) => setChosen((cur) => (on ? [...cur, s] : cur.filter((x) => x !== s)))}
            />
          ))}
          {errors.fields.scopes && (
            <p id="scopes-error" className="field-error">
              {errors.fields.scopes}
            </p>
          )}
        </fieldset>
        <TextField
          label="Calls per minute"
          name="rate_per_minute"
          type="number"
          min={1}
          max={100000}
          inputMode="numeric"
          hint="Past it, calls get 429 with Retry-After."
          value={rate}
          onValueChange={setRate}
          error={errors.fields.rate_per_minute}
        />
        <div className="form-actions">
          <Button type="submit" busy={busy} busyLabel="Creating…">
            Create key
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </section>
  );
}
