import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ContactSummary } from '../../../api/admin';
import { toApiError } from '../../../api/client';
import type { EmailPreview, TestSent } from '../../../api/templates';
import { useDebouncedValue } from '../../../lib/useDebouncedValue';
import { DeskErrorAlert } from '../DeskAlerts';
import { ContactPicker } from './ContactPicker';
import { TestSend } from './TestSend';

interface Props<D extends object> {
  /** The section's heading, e.g. "Preview". */
  title: string;
  /** Which email this previews ("template:password_reset"), for the cache. */
  email: string;
  /** What is being edited (saved or not): the preview follows it a moment after each change. */
  draft: D;
  render: (request: D & { contact_id?: string }, signal: AbortSignal) => Promise<EmailPreview>;
  sendTest: () => Promise<TestSent>;
  /** The email carries a one-time link (masked in the preview). */
  hasLink?: boolean;
}

/**
 * The email as it would be sent, rendered by the server for a sample or a chosen contact with
 * its one-time link masked: the subject, the HTML (in a sandboxed frame served with its own
 * policy, so the email's styles apply) and the text part. And a test send to yourself.
 */
export function EmailPreviewPanel<D extends object>({ title, email, draft, render, sendTest, hasLink = true }: Props<D>) {
  const [contact, setContact] = useState<ContactSummary | null>(null);
  const key = useDebouncedValue(JSON.stringify(draft), 500);
  const contactId = contact?.id;
  const preview = useQuery({
    queryKey: ['previews', email, key, contactId],
    queryFn: ({ signal }) => render({ ...(JSON.parse(key) as D), contact_id: contactId }, signal),
    // The last preview stays on screen while the next renders, and after a draft that does not.
    placeholderData: keepPreviousData,
  });
  const [lastGood, setLastGood] = useState<EmailPreview | undefined>(undefined);
  useEffect(() => {
    if (preview.data) setLastGood(preview.data);
  }, [preview.data]);
  const p = preview.data ?? lastGood;
  const error = preview.error ? toApiError(preview.error) : undefined;
  const problems = error ? Object.values(error.fields) : [];

  return (
    <section className="card section-card preview" aria-labelledby="preview-title">
      <div className="section-head">
        <h2 id="preview-title">{title}</h2>
        {preview.isFetching && p && <span className="muted preview-updating">Updating…</span>}
      </div>
      <ContactPicker chosen={contact} onChoose={setContact} />
      <div aria-live="polite">
        {problems.length > 0 && (
          <p className="preview-problem">
            <strong>The preview could not be updated:</strong> {problems.join(' ')}
            {p && <span className="muted"> Below is the last version that worked.</span>}
          </p>
        )}
      </div>
      {error && problems.length === 0 && <DeskErrorAlert error={error} onRetry={() => void preview.refetch()} />}
      {!p && preview.isFetching && <p className="muted">Rendering the preview…</p>}
      {p && (
        <div className={problems.length > 0 ? 'preview-body preview-stale' : 'preview-body'}>
          <dl className="meta-list">
            <div>
              <dt>To</dt>
              <dd className="cell-break">{p.to}</dd>
            </div>
            <div>
              <dt>Subject</dt>
              <dd className="cell-break preview-subject">{p.subject}</dd>
            </div>
          </dl>
          {hasLink && <p className="muted">The one-time link is hidden.</p>}
          {/* sandbox="" : the email runs nothing, navigates nowhere and cannot reach this page. Its URL
              is served with its own policy, which lets the email's inline styles apply (srcdoc would
              inherit this page's policy and lose them). */}
          <iframe className="mail-html preview-frame" sandbox="" src={p.html_url} title={`Preview of “${p.subject}” (HTML)`} />
          <h3 className="preview-heading">Text version</h3>
          {/* It scrolls when long: focusable, so the keyboard can scroll it too. */}
          <pre className="mail-text preview-text" tabIndex={0} role="region" aria-label="Text version of the preview">
            {p.text}
          </pre>
        </div>
      )}
      <h3 className="preview-heading">Send a test</h3>
      <TestSend send={sendTest} />
    </section>
  );
}
