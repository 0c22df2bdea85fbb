import { useRef } from 'react';
import { Button } from '../../../components/Button';
import { FieldError, TextField } from '../../../components/Field';
import { linkRowInvalid, newLinkRow, type LinkRow } from './offerDraft';

const ERROR_ID = 'content-links-error';

/** Where members find the content: rows of label + address, added and removed with focus kept. */
interface Props {
  links: LinkRow[];
  onChange: (links: LinkRow[]) => void;
  error?: string;
  readOnly?: boolean;
}

export function ContentLinksEditor({ links, onChange, error, readOnly = false }: Props) {
  const ref = useRef<HTMLFieldSetElement>(null);
  // Without a client-side hint (a server-only error) mark every row so focus lands somewhere.
  const anyRowMarked = Boolean(error) && links.some(linkRowInvalid);

  function add() {
    const row = newLinkRow();
    onChange([...links, row]);
    window.setTimeout(() => ref.current?.querySelector<HTMLInputElement>(`[data-row="${row.key}"] input`)?.focus(), 0);
  }

  function remove(key: number) {
    onChange(links.filter((r) => r.key !== key));
    window.setTimeout(() => ref.current?.querySelector<HTMLButtonElement>('.add-link')?.focus(), 0);
  }

  function update(key: number, patch: Partial<LinkRow>) {
    onChange(links.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  }

  return (
    <fieldset className="fieldset" ref={ref} aria-describedby={error ? ERROR_ID : undefined}>
      <legend>Content links</legend>
      <p className="field-hint">Where members find the content: a course page, a download, a community. They open in a new tab.</p>
      {links.length === 0 && <p className="muted">No links yet.</p>}
      {links.map((l, i) => {
        const invalid = Boolean(error) && (linkRowInvalid(l) || !anyRowMarked);
        return (
          <div key={l.key} className="link-row" data-row={l.key}>
            <TextField
              label={`Link ${i + 1} label`}
              name={`link-${i}-label`}
              autoComplete="off"
              value={l.label}
              onValueChange={(v) => update(l.key, { label: v })}
              invalid={invalid}
              describedBy={invalid ? ERROR_ID : undefined}
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
              onValueChange={(v) => update(l.key, { url: v })}
              invalid={invalid}
              describedBy={invalid ? ERROR_ID : undefined}
            />
            {!readOnly && (
              <Button variant="quiet" className="btn-small link-remove" onClick={() => remove(l.key)}>
                Remove<span className="visually-hidden"> link {i + 1}</span>
              </Button>
            )}
          </div>
        );
      })}
      {error && <FieldError id={ERROR_ID}>{error}</FieldError>}
      {!readOnly && (
        <Button variant="secondary" className="btn-small add-link" onClick={add}>
          Add link
        </Button>
      )}
    </fieldset>
  );
}
