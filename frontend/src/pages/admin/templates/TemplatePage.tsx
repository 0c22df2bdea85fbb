import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { templatesApi, type EmailTemplate, type TemplateText } from '../../../api/templates';
import { ErrorAlert, Loading } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/dates';
import { useSession } from '../../../lib/session';
import { useFormErrors } from '../../../lib/useFormErrors';
import { useResource } from '../../../lib/useResource';
import { Badge, emailKindLabel } from '../Badges';
import { deskError, DeskErrorAlert, Notice } from '../DeskAlerts';
import { roleAtLeast } from '../permissions';
import { EmailPreviewPanel } from './EmailPreviewPanel';
import { TemplateFields } from './TemplateFields';
import { isBuiltIn } from './TemplatesPage';

const FIELDS = ['subject', 'body'] as const;
const NAMES = { subject: 'subject', body: 'body' };
const LABELS = { subject: 'Subject', body: 'Text' };

/** One kind of email: its subject and text, a live preview, a test send, and Save (admin and owner). */
export function TemplatePage() {
  const { kind = '' } = useParams();
  const catalog = useResource((signal) => templatesApi.list(signal), []);
  const t = catalog.data?.items.find((x) => x.kind === kind);

  if (!t) {
    const missing = catalog.data !== undefined;
    return (
      <div className="page page-wide">
        <p className="breadcrumb">
          <Link to="/admin/templates">Templates</Link>
        </p>
        <PageHeading title={missing ? 'Email not found' : 'Email template'} />
        {catalog.loading && <Loading label="Loading the template…" />}
        {catalog.error && <DeskErrorAlert error={catalog.error} onRetry={catalog.reload} />}
        {missing && <p>There is no editable email called “{kind}”.</p>}
      </div>
    );
  }
  return (
    <TemplateEditor
      key={t.kind}
      template={t}
      onSaved={(saved) => catalog.setData((c) => c && { ...c, items: c.items.map((x) => (x.kind === t.kind ? { ...x, ...saved } : x)) })}
    />
  );
}

function TemplateEditor({ template: t, onSaved }: { template: EmailTemplate; onSaved: (saved: Partial<EmailTemplate>) => void }) {
  const { session } = useSession();
  const canEdit = roleAtLeast(session.contact?.role, 'admin');
  const saved: TemplateText = { subject: t.subject, body: t.body };
  const [draft, setDraft] = useState<TemplateText>(saved);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const errors = useFormErrors(FIELDS);
  const dirty = draft.subject !== t.subject || draft.body !== t.body;
  const builtIn = isBuiltIn(t);
  const name = emailKindLabel(t.kind).toLowerCase();

  useEffect(() => {
    if (dirty) setNotice(null);
  }, [dirty]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    errors.clear();
    setNotice(null);
    setBusy(true);
    try {
      const res = await templatesApi.save(t.kind, draft);
      onSaved({ subject: res.subject, body: res.body, updated_at: new Date().toISOString() });
      setDraft({ subject: res.subject, body: res.body });
      setNotice(
        isBuiltIn(res)
          ? `Saved: ${name} emails use the built-in email again.`
          : `Saved. New ${name} emails use this text; emails already sent are not changed.`,
      );
    } catch (err) {
      errors.fail(deskError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page page-wide">
      <p className="breadcrumb">
        <Link to="/admin/templates">Templates</Link>
      </p>
      <div className="page-head">
        <PageHeading title={`${t.label} email`}>
          {t.label} email {builtIn ? <Badge>Built-in email</Badge> : <Badge tone="info">Your own text</Badge>}
        </PageHeading>
      </div>
      <p className="muted">
        {t.description} {builtIn ? 'It uses the built-in email.' : `Your text was saved ${formatDateTime(t.updated_at)}.`}
      </p>
      <Notice text={notice} />
      <div className="editor-grid">
        <section className="card section-card" aria-labelledby="template-form-title">
          <h2 id="template-form-title">{canEdit ? 'Subject and text' : 'Subject and text (read only)'}</h2>
          {!canEdit && <p className="note">Templates are changed by admins and owners; you can preview this one and send yourself a test.</p>}
          {errors.message && <ErrorAlert>{errors.message}</ErrorAlert>}
          <form ref={errors.formRef} onSubmit={onSubmit} noValidate className="form">
            <TemplateFields
              value={draft}
              onChange={setDraft}
              names={NAMES}
              labels={LABELS}
              errors={errors.fields}
              builtIn={{ subject: t.default_subject, body: t.default_body }}
              variables={t.variables}
              requiresLink={t.requires_link}
              readOnly={!canEdit}
            />
            {canEdit && (
              <div className="form-actions">
                <Button type="submit" busy={busy} busyLabel="Saving…">
                  Save template
                </Button>
                <Button
                  variant="secondary"
                  onClick={() => {
                    setDraft(saved);
                    errors.clear();
                  }}
                >
                  Discard changes
                </Button>
                {dirty && <span className="muted unsaved">Unsaved changes: the preview and test show them.</span>}
              </div>
            )}
          </form>
        </section>
        <EmailPreviewPanel
          title="Preview"
          draft={draft}
          render={(req, signal) => templatesApi.preview(t.kind, req, signal)}
          sendTest={() => templatesApi.sendTest(t.kind, draft)}
          hasLink={t.requires_link}
        />
      </div>
    </div>
  );
}
