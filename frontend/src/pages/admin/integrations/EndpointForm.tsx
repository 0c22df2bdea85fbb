import { useState } from 'react';
import { integrationsApi, type WebhookEndpoint } from '../../../api/integrations';
import { CheckboxField, TextField } from '../../../components/Field';
import { DeskForm } from '../forms/DeskForm';
import { FormActions } from '../forms/FormActions';
import { useDeskForm } from '../forms/useDeskForm';
import { webhookKeys } from '../queries/integrations';
import { EVENT_HELP } from './help';

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
  const form = useDeskForm({
    fields: FIELDS,
    dirty: url !== (endpoint?.url ?? '') || description !== (endpoint?.description ?? '') || events.join() !== (endpoint?.events ?? []).join(),
    validate: () => ({
      url: url.trim() ? undefined : 'Enter the URL that receives the events.',
      events: events.length ? undefined : 'Choose at least one event.',
    }),
    submit: () => {
      const input = { url: url.trim(), events, description: description.trim() };
      return endpoint ? integrationsApi.updateWebhook(endpoint.id, input) : integrationsApi.createWebhook(input);
    },
    invalidates: [webhookKeys.all],
    onSaved,
  });

  return (
    <section className="card section-card" aria-labelledby="endpoint-form-title">
      <h2 id="endpoint-form-title">{endpoint ? 'Edit endpoint' : 'Add an endpoint'}</h2>
      <DeskForm form={form}>
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
          error={form.fields.url}
        />
        <TextField label="Description (optional)" name="description" autoComplete="off" value={description} onValueChange={setDescription} error={form.fields.description} />
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
          {form.fields.events && <p className="field-error">{form.fields.events}</p>}
        </fieldset>
        <FormActions form={form} submit={endpoint ? 'Save' : 'Add endpoint'} busyLabel="Saving…" onCancel={onCancel} />
      </DeskForm>
    </section>
  );
}
