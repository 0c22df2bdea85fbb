import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ContactSummary } from '../../../api/admin';
import { Button } from '../../../components/Button';
import { useDebouncedValue } from '../../../lib/useDebouncedValue';
import { contactQueries } from '../queries/contacts';
import { SearchField } from '../SearchField';

interface Props {
  chosen: ContactSummary | null;
  onChoose: (contact: ContactSummary | null) => void;
  /** The words around the search; by default the email preview's. */
  text?: PickerText;
}

export interface PickerText {
  label: string;
  hint: string;
  /** Before the chosen contact's name: "Previewing for". */
  chosen: string;
  /** The button that forgets the choice. */
  clear: string;
}

const PREVIEW_TEXT: PickerText = {
  label: 'Preview for a contact (optional)',
  hint: 'Search by name or address. Without one, the preview uses a sample contact, Sam Sample.',
  chosen: 'Previewing for',
  clear: 'Use the sample contact',
};

/** A contact found by name or address (by default: who an email preview is rendered for). */
export function ContactPicker({ chosen, onChoose, text = PREVIEW_TEXT }: Props) {
  const [q, setQ] = useState('');
  const query = useDebouncedValue(q.trim(), 300);
  const found = useQuery(contactQueries.search(query));
  const items = query ? (found.data?.items ?? []) : [];
  const backRef = useRef<HTMLButtonElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const refocus = useRef(false);

  // The control that was pressed goes away: focus moves to the one that takes its place.
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    (chosen ? backRef.current : searchRef.current)?.focus();
  }, [chosen]);

  function choose(c: ContactSummary | null) {
    refocus.current = true;
    setQ('');
    onChoose(c);
  }

  if (chosen) {
    return (
      <div className="contact-picker contact-picker-chosen">
        <p>
          {text.chosen} <strong>{chosen.name || chosen.email}</strong>
          {chosen.name && <span className="muted"> ({chosen.email})</span>}.
        </p>
        <Button ref={backRef} variant="secondary" className="btn-small" onClick={() => choose(null)}>
          {text.clear}
        </Button>
      </div>
    );
  }

  let status = '';
  if (query && found.isPending) status = 'Searching…';
  else if (query && found.error) status = `Contacts could not be searched: ${found.error.message}`;
  else if (query) status = items.length === 0 ? 'No contact matches.' : `${items.length === 5 ? 'First 5' : items.length} matching: choose one below.`;

  return (
    <div className="contact-picker">
      <SearchField ref={searchRef} label={text.label} hint={text.hint} name="preview_contact" value={q} onValueChange={setQ} />
      <p role="status" className="picker-status muted">
        {status}
      </p>
      {items.length > 0 && (
        <ul className="picker-results">
          {items.map((c) => (
            <li key={c.id}>
              <button type="button" className="picker-result" onClick={() => choose(c)}>
                <span className="picker-name">{c.name || c.email}</span>
                {c.name && <span className="muted"> {c.email}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
