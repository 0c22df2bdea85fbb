import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { templatesApi, type EmailTemplate, type TemplateText } from '../../../api/templates';
import { Button } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { formatDateTime } from '../../../lib/dates';
import { useSession } from '../../../lib/session';
import { Badge, emailKindLabel } from '../Badges';
import { DeskForm } from '../forms/DeskForm';
import { FormActions } from '../forms/FormActions';
import { useDeskForm } from '../forms/useDeskForm';
import { roleAtLeast } from '../permissions';
import { staffAdminQueries } from '../queries/staffAdmin';
import { Breadcrumb, RecordPending } from '../RecordPending';
import { EmailPreviewPanel } from './EmailPreviewPanel';
import { TemplateFields } from './TemplateFields';
import { SIGN_IN_CODE } from './templateText';
import { isBuiltIn } from './TemplatesPage';

const FIELDS = ['subject', 'body'] as const;
const NAMES = { subject: 'subject', body: 'body' };
const LABELS = { subject: 'Subject', body: 'Text' };

const BACK = { to: '/admin/templates', label: 'Templates' };

/** One kind of email: its subject and text, a live preview, a test send, and Save (admin and owner). */
export function TemplatePage() {
  const { kind = '' } = useParams();
  const catalog = useQuery(staffAdminQueries.templates());
  const t = catalog.data?.items.find((x) => x.kind === kind);

  if (!t) {
    if (!catalog.data) return <RecordPending query={catalog} back={BACK} title="Email template" notFound="Email not found" loading="Loading the template…" />;
    return (
      <div className="page page-wide">
        <Breadcrumb {...BACK} />
        <PageHeading title="Email not found" />
        <p>There is no editable email called “{kind}”.</p>
      </div>
    );
  }
  return <TemplateEditor key={t.kind} template={t} />;
}

function TemplateEditor({ template: t }: { template: EmailTemplate }) {
  const { session } = useSession();
  const canEdit = roleAtLeast(session.contact?.role, 'admin');
  const client = useQueryClient();
  const saved: TemplateText = { subject: t.subject, body: t.body };
  const [draft, setDraft] = useState<TemplateText>(saved);
  const dirty = draft.subject !== t.subject || draft.body !== t.body;
  const builtIn = isBuiltIn(t);
  const name = emailKindLabel(t.kind).toLowerCase();
  const form = useDeskForm({
    fields: FIELDS,
    dirty,
    submit: () => templatesApi.save(t.kind, draft),
    onSaved: (res) => {
      const updated = { subject: res.subject, body: res.body, updated_at: new Date().toISOString() };
      client.setQueryData(staffAdminQueries.templates().queryKey, (c) => c && { ...c, items: c.items.map((x) => (x.kind === t.kind ? { ...x, ...updated } : x)) });
      setDraft({ subject: res.subject, body: res.body });
      return isBuiltIn(res)
        ? `Saved: ${name} emails use the built-in email again.`
        : `Saved. New ${name} emails use this text; emails already sent are not changed.`;
    },
  });

  return (
    <div className="page page-wide">
      <Breadcrumb {...BACK} />
      <div className="page-head">
        <PageHeading title={`${t.label} email`}>
          {t.label} email {builtIn ? <Badge>Built-in email</Badge> : <Badge tone="info">Your own text</Badge>}
        </PageHeading>
      </div>
      <p className="muted">
        {t.description} {builtIn ? 'It uses the built-in email.' : `Your text was saved ${formatDateTime(t.updated_at)}.`}
      </p>
      <div className="editor-grid">
        <section className="card section-card" aria-labelledby="template-form-title">
          <h2 id="template-form-title">{canEdit ? 'Subject and text' : 'Subject and text (read only)'}</h2>
          {!canEdit && <p className="note">Templates are changed by admins and owners; you can preview this one and send yourself a test.</p>}
          <DeskForm form={form}>
            <TemplateFields
              value={draft}
              onChange={setDraft}
              names={NAMES}
              labels={LABELS}
              errors={form.fields}
              builtIn={{ subject: t.default_subject, body: t.default_body }}
              variables={t.variables}
              requiresLink={t.requires_link}
              requiresCode={t.kind === SIGN_IN_CODE}
              readOnly={!canEdit}
            />
            {canEdit && (
              <FormActions form={form} submit="Save template" busyLabel="Saving…">
                <Button
                  variant="secondary"
                  onClick={() => {
                    setDraft(saved);
                    form.reset();
                  }}
                >
                  Discard changes
                </Button>
                {dirty && <span className="muted unsaved">Unsaved changes: the preview and test show them.</span>}
              </FormActions>
            )}
          </DeskForm>
        </section>
        <EmailPreviewPanel
          title="Preview"
          email={`template:${t.kind}`}
          draft={draft}
          render={(req, signal) => templatesApi.preview(t.kind, req, signal)}
          sendTest={() => templatesApi.sendTest(t.kind, draft)}
          hasLink={t.requires_link}
        />
      </div>
    </div>
  );
}
