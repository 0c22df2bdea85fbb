import { useState } from 'react';
import { integrationsApi, type NewApiKey } from '../../../api/integrations';
import { CheckboxField, TextField } from '../../../components/Field';
import { DeskForm } from '../forms/DeskForm';
import { FormActions } from '../forms/FormActions';
import { useDeskForm } from '../forms/useDeskForm';
import { apiKeyKeys } from '../queries/integrations';
import { SCOPE_HELP } from './help';

const FIELDS = ['name', 'scopes', 'rate_per_minute'] as const;

/** A new API key: a name that says which system uses it, and only the scopes it needs. */
export function CreateKeyForm({ scopes, onCreated, onCancel }: { scopes: string[]; onCreated: (k: NewApiKey) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [rate, setRate] = useState('600');
  const form = useDeskForm({
    fields: FIELDS,
    dirty: Boolean(name.trim() || chosen.length),
    validate: () => ({
      name: name.trim() ? undefined : 'Name the system that will use this key.',
      scopes: chosen.length ? undefined : 'Choose at least one scope.',
    }),
    submit: () => integrationsApi.createApiKey(name.trim(), chosen, Number(rate) || undefined),
    invalidates: [apiKeyKeys.all],
    onSaved: onCreated,
  });

  return (
    <section className="card section-card" aria-labelledby="create-key-title">
      <h2 id="create-key-title">Create an API key</h2>
      <DeskForm form={form}>
        <TextField label="Name" name="name" autoComplete="off" hint="Which system uses it, e.g. “Shop checkout”." required value={name} onValueChange={setName} error={form.fields.name} />
        <fieldset className="fieldset">
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
          {form.fields.scopes && <p className="field-error">{form.fields.scopes}</p>}
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
          error={form.fields.rate_per_minute}
        />
        <FormActions form={form} submit="Create key" busyLabel="Creating…" onCancel={onCancel} />
      </DeskForm>
    </section>
  );
}
