import { useState, type FormEvent } from 'react';
import { integrationsApi, type WebhookEndpoint } from '../../../api/integrations';
import { ErrorAlert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { CheckboxField, TextField } from '../../../components/Field';
import { useFormErrors } from '../../../lib/useFormErrors';
import { deskError } from '../DeskAlerts';
import { EVENT_HELP } from './IntegrationsNav';

const FIELDS = ['url', 'events', 'description'] as const;

/** Adds an endpoint, or edits one (given). */
export function EndpointForm({
  eventTypes,
  endpoint,
  onSaved,
  onCancel,
}: {
  eventTypes: string[];
  endpoint?: WebhookEndpoint;
  onSaved: (e: WebhookEndpoint) => void;
  onCancel: () => void;
}) {
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [description, setDescription] = useState(endpoint?.description ?? '');
  const [events, setEvents] = useState<string[]>(endpoint?.events ?? []);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    errors.clear();
    if (!url.trim()) return errors.invalid({ url: 'Enter the URL that receives the events.' });
    if (events.length === 0) return errors.invalid({ events: 'Choose at least one event.' });
    setBusy(true);
    try {
      const input = { url: url.trim(), events, description: description.trim() };
      onSaved(endpoint ? await integrationsApi.updateWebhook(endpoint.id, input) : await integrationsApi.createWebhook(input));
    } catch (err) {
      errors.fail(deskError(err));
      setBusy(false);
    }
  }

  return (
    <section className="card section-card" aria-labelledby="endpoint-form-title">
      <h2 id="endpoint-form-title">{endpoint ? 'Edit endpoint' : 'Add an endpoint'}</h2>
      {errors.message && <ErrorAlert>{errors.message}</ErrorAlert>}
      <form ref={errors.formRef} onSubmit={onSubmit} noValidate className="form">
        <TextField
          label="URL"
          name="url"
          type="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://example.com/webhooks/gatehouse"
          hint="https, on a public address."
          required
          value={url}
          onValueChange={setUrl}
          error={errors.fields.url}
        />
        <TextField label="Description (optional)" name="description" autoComplete="off" value={description} onValueChange={setDescription} error={errors.fields.description} />
        <fieldset className="fieldset">
          <legend>Events</legend>
          {eventTypes.map((t) => (
            <CheckboxField
              key={t}
              name="events"
              label={<code>{t}</code>}
              hint={EVENT_HELP[t]}
              checked={events.includes(t)}
              onCheckedChange={(on) => setEvents((cur) => (on ? [...cur, t] : cur.filter((x) => x !== t)))}
            />
          ))}
          {errors.fields.events && <p className="field-error">{errors.fields.events}</p>}
        </fieldset>
        <div className="form-actions">
          <Button type="submit" busy={busy} busyLabel="Saving…">
            {endpoint ? 'Save' : 'Add endpoint'}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </section>
  );
}
