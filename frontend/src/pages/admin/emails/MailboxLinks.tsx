import { useId, useRef, useState } from 'react';
import { Button } from '../../../components/Button';
import type { MailLink } from './mailLinks';

/**
 * A captured email's links, each with a one-click Copy. Opened in this browser, a member's link
 * would act as that member where you are signed in as staff: the note says to use a private
 * window instead.
 */
export function MailboxLinks({ links }: { links: MailLink[] }) {
  const id = useId();
  const [status, setStatus] = useState('');
  const inputs = useRef<(HTMLInputElement | null)[]>([]);

  async function copy(i: number) {
    const link = links[i];
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(link.url);
      setStatus(`Copied the ${link.label.toLowerCase()} (${i + 1} of ${links.length}). Paste it into a private window.`);
    } catch {
      // Where the clipboard API is refused, the link is selected for Ctrl+C.
      inputs.current[i]?.focus();
      inputs.current[i]?.select();
      setStatus('Your browser did not allow copying: the link is selected, press Ctrl+C (or ⌘C) to copy it.');
    }
  }

  return (
    <section className="card section-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Links</h2>
      <p className="note" id={`${id}-note`}>
        <strong>Open links in a private window.</strong> In this window you are signed in as staff: a member’s link opened here would
        sign you out and sign them in. Copy a link and paste it into a private (incognito) window to go through it as the member.
      </p>
      <ul className="mail-links">
        {links.map((l, i) => (
          <li key={l.url}>
            <label htmlFor={`${id}-${i}`} className="field-label">
              {l.label}
            </label>
            <div className="secret-row">
              <input
                ref={(el) => {
                  inputs.current[i] = el;
                }}
                id={`${id}-${i}`}
                className="input input-mono"
                readOnly
                value={l.url}
                spellCheck={false}
                aria-describedby={`${id}-note`}
                onFocus={(e) => e.currentTarget.select()}
              />
              <Button variant="secondary" onClick={() => void copy(i)}>
                Copy<span className="visually-hidden"> {l.label.toLowerCase()}</span>
              </Button>
            </div>
          </li>
        ))}
      </ul>
      <p role="status" className="secret-status">
        {status}
      </p>
    </section>
  );
}
