import { catalogApi } from '../../../api/catalog';
import { ErrorAlert } from '../../../components/Alert';
import { useDebouncedValue } from '../../../lib/useDebouncedValue';
import { useResource } from '../../../lib/useResource';
import { DeskErrorAlert } from '../DeskAlerts';

interface Props {
  name: string;
  description: string;
  subject: string;
  body: string;
}

/** The welcome email as it would be sent, re-rendered by the server a moment after each edit. */
export function WelcomePreview({ name, description, subject, body }: Props) {
  const key = useDebouncedValue(JSON.stringify({ name, description, welcome_subject: subject, welcome_body: body }), 600);
  const preview = useResource((signal) => catalogApi.previewWelcome(JSON.parse(key), signal), [key]);
  const p = preview.data;

  return (
    <section className="card section-card preview" aria-labelledby="preview-title">
      <div className="section-head">
        <h2 id="preview-title">Welcome email preview</h2>
        {preview.loading && p && <span className="muted preview-updating">Updating…</span>}
      </div>
      <p className="muted">
        As a sample contact would get it, with the link to choose a password hidden. The page’s security policy shows it without the
        email’s colours and layout; the words are exact.
      </p>
      {!body.trim() && <p className="note">No text of your own: the default template is used.</p>}
      {preview.error &&
        (Object.keys(preview.error.fields).length > 0 ? (
          <ErrorAlert>The preview could not be rendered: {Object.values(preview.error.fields).join(' ')}</ErrorAlert>
        ) : (
          <DeskErrorAlert error={preview.error} onRetry={preview.reload} />
        ))}
      {!p && preview.loading && <p className="muted">Rendering the preview…</p>}
      {p && (
        <>
          <dl className="meta-list">
            <div>
              <dt>To</dt>
              <dd className="cell-break">{p.to}</dd>
            </div>
            <div>
              <dt>Subject</dt>
              <dd className="cell-break">{p.subject}</dd>
            </div>
          </dl>
          {/* sandbox="" : the rendered email runs nothing and cannot reach this page (it has no script anyway). */}
          <iframe className="mail-html preview-frame" sandbox="" srcDoc={p.html} title="Preview of the welcome email (HTML)" />
          <details className="email-preview">
            <summary>Text version</summary>
            <pre>{p.text}</pre>
          </details>
        </>
      )}
    </section>
  );
}
