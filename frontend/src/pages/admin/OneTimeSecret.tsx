import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '../../components/Button';

// A secret shown once (a copied link, a generated password): a read-only field, a Copy button
// and a warning that it will not be shown again. Copy uses the Clipboard API and falls back to
// selecting the text so Ctrl+C / long-press works where the API is refused.

export function OneTimeSecret({ label, value, warning, mono = false }: { label: string; value: string; warning: string; mono?: boolean }) {
  const id = `s${useId()}`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'select' | null>(null);

  useEffect(() => {
    // The secret just appeared: start there, so it is read out and ready to copy.
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [value]);

  async function copy() {
    const input = inputRef.current;
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      input?.focus();
      input?.select();
      setCopied(legacyCopy() ? 'yes' : 'select');
    }
  }

  return (
    <div className="secret">
      <p className="secret-warning" id={`${id}-warning`}>
        {warning}
      </p>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="secret-row">
        <input
          ref={inputRef}
          id={id}
          className={'input' + (mono ? ' input-mono' : '')}
          readOnly
          value={value}
          spellCheck={false}
          aria-describedby={`${id}-warning`}
          onFocus={(e) => e.currentTarget.select()}
        />
        <Button variant="secondary" onClick={copy}>
          Copy<span className="visually-hidden"> {label.toLowerCase()}</span>
        </Button>
      </div>
      <p role="status" className="secret-status">
        {copied === 'yes' && 'Copied to the clipboard.'}
        {copied === 'select' && 'Your browser did not allow copying: the text is selected, press Ctrl+C (or ⌘C) to copy it.'}
      </p>
    </div>
  );
}

/** The old way to copy the selection, for browsers without the clipboard API (or without permission). */
function legacyCopy(): boolean {
  try {
    return document.execCommand?.('copy') ?? false;
  } catch {
    return false;
  }
}
