import { useRef, useState, type FormEvent } from 'react';
import { adminApi, type Offer } from '../../api/admin';
import { ErrorAlert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { FieldError, TextAreaField, TextField } from '../../components/Field';
import { isHttpUrl } from '../../lib/safeUrl';
import { useFormErrors } from '../../lib/useFormErrors';

const FIELDS = ['name', 'description', 'content_links', 'welcome_subject', 'welcome_body'] as const;

interface LinkRow {
  key: number;
  label: string;
  url: string;
}

export function NewOfferForm({ onCreated, onCancel }: { onCreated: (o: Offer) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [links, setLinks] = useState<LinkRow[]>([]);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);
  const nextKey = useRef(1);
  const linksRef = useRef<HTMLFieldSetElement>(null);
  const linksError = errors.fields.content_links;

  function addLink() {
    const key = nextKey.current++;
    setLinks((rows) => [...rows, { key, label: '', url: '' }]);
    // Focus the new row's first input once it exists.
    window.setTimeout(() => linksRef.current?.querySelector<HTMLInputElement>(`[data-row="${key}"] input`)?.focus(), 0);
  }

  function removeLink(key: number) {
    setLinks((rows) => rows.filter((r) => r.key !== key));
    window.setTimeout(() => linksRef.current?.querySelector<HTMLButtonElement>('.add-link')?.focus(), 0);
  }

  function updateLink(key: number, patch: Partial<LinkRow>) {
    setLinks((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    errors.clear();
    const filled = links.filter((l) => l.label.trim() || l.url.trim());
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = 'Give the offer a name.';
    if (filled.some((l) => !l.label.trim() || !isHttpUrl(l.url.trim()))) {
      problems.content_links = 'Each link needs a label and an address starting with https:// or http://.';
    }
    if (Object.keys(problems).length) return errors.invalid(problems);
    setBusy(true);
    try {
      const offer = await adminApi.createOffer({
        name: name.trim(),
        description: description.trim(),
        content_links: filled.map((l) => ({ label: l.label.trim(), url: l.url.trim() })),
        welcome_subject: subject.trim(),
        welcome_body: body,
      });
      onCreated(offer);
    } catch (err) {
      errors.fail(err);
      setBusy(false);
    }
  }

  const rowInvalid = (l: LinkRow) => Boolean(linksError) && (!l.label.trim() || !isHttpUrl(l.url.trim()));
  const anyRowMarked = links.some(rowInvalid);

  return (
    <section className="card section-card" aria-labelledby="new-offer-title">
      <h2 id="new-offer-title">New offer</h2>
      {errors.message && <ErrorAlert>{errors.message}</ErrorAlert>}
      <form ref={errors.formRef} onSubmit={onSubmit} noValidate className="form">
        <TextField label="Name" name="name" required value={name} onValueChange={setName} error={errors.fields.name} autoComplete="off" />
        <TextAreaField
          label="Description (optional)"
          name="description"
          hint="Shown to members on their offers page."
          value={description}
          onValueChange={setDescription}
          error={errors.fields.description}
        />
        <fieldset className="fieldset" ref={linksRef} aria-describedby={linksError ? 'content-links-error' : undefined}>
          <legend>Content links</legend>
          <p className="field-hint">Where members find the content: a course page, a download, a community. They open in a new tab.</p>
          {links.length === 0 && <p className="muted">No links yet.</p>}
          {links.map((l, i) => {
            // Without client-side hints (server-only error) mark every row so focus lands somewhere.
            const invalid = rowInvalid(l) || (Boolean(linksError) && !anyRowMarked);
            return (
              <div key={l.key} className="link-row" data-row={l.key}>
                <TextField
                  label={`Link ${i + 1} label`}
                  name={`link-${i}-label`}
                  autoComplete="off"
                  value={l.label}
                  onValueChange={(v) => updateLink(l.key, { label: v })}
                  invalid={invalid}
                  describedBy={invalid ? 'content-links-error' : undefined}
                />
                <TextField
                  label={`Link ${i + 1} address`}
                  name={`link-${i}-url`}
                  type="url"
                  inputMode="url"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="https://"
                  value={l.url}
                  onValueChange={(v) => updateLink(l.key, { url: v })}
                  invalid={invalid}
                  describedBy={invalid ? 'content-links-error' : undefined}
                />
                <Button variant="quiet" className="btn-small link-remove" onClick={() => removeLink(l.key)}>
                  Remove<span className="visually-hidden"> link {i + 1}</span>
                </Button>
              </div>
            );
          })}
          {linksError && <FieldError id="content-links-error">{linksError}</FieldError>}
          <Button variant="secondary" className="btn-small add-link" onClick={addLink}>
            Add link
          </Button>
        </fieldset>
        <TextField
          label="Welcome email subject (optional)"
          name="welcome_subject"
          hint="Leave empty for “Your access to” and the offer’s name."
          autoComplete="off"
          value={subject}
          onValueChange={setSubject}
          error={errors.fields.welcome_subject}
        />
        <TextAreaField
          label="Welcome email text (optional)"
          name="welcome_body"
          hint="Leave empty for the built-in text. Separate paragraphs with a blank line. The button with the member’s link to choose a password is added below your text."
          rows={6}
          value={body}
          onValueChange={setBody}
          error={errors.fields.welcome_body}
        />
        <div className="form-actions">
          <Button type="submit" busy={busy} busyLabel="Creating…">
            Create offer
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </section>
  );
}
