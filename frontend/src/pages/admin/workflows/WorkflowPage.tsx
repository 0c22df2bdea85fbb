import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { workflowsApi, type Workflow } from '../../../api/workflows';
import { ErrorAlert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { Switch } from '../../../components/Switch';
import { useSession } from '../../../lib/session';
import { Badge } from '../Badges';
import { Notice, useCarriedNotice } from '../DeskAlerts';
import { ConfirmAction } from '../forms/ConfirmAction';
import { DeskForm } from '../forms/DeskForm';
import { FormActions } from '../forms/FormActions';
import { useConfirmedAction } from '../forms/useConfirmedAction';
import { useDeskForm } from '../forms/useDeskForm';
import { roleAtLeast } from '../permissions';
import { workflowKeys, workflowQueries } from '../queries/workflows';
import { Breadcrumb, RecordPending } from '../RecordPending';
import { useCatalog } from '../useCatalog';
import { TestRunDialog } from './TestRunDialog';
import { actionErrorsByKey, draftFrom, emptyDraft, isDirty, KNOWN_FIELDS, toInput, type WorkflowDraft } from './workflowDraft';
import { WorkflowForm } from './WorkflowForm';
import { WorkflowRuns } from './WorkflowRuns';
import { EDIT_RULE } from './workflowText';

type Mode = 'save' | 'enable';

const BACK = { to: '/admin/workflows', label: 'Workflows' };

/** The builder: /admin/workflows/new and /admin/workflows/:id (support reads, admins edit). */
export function WorkflowPage() {
  const { id } = useParams();
  const wf = useQuery({ ...workflowQueries.record(id ?? ''), enabled: id !== undefined });
  if (id && !wf.data) return <RecordPending query={wf} back={BACK} title="Workflow" notFound="Workflow not found" loading="Loading the workflow…" />;
  // Keyed by the workflow: its draft is taken from the server once, so a later answer (after a
  // disable) leaves edits in progress alone.
  return <WorkflowEditor key={id ?? 'new'} saved={wf.data} />;
}

function WorkflowEditor({ saved: w }: { saved: Workflow | undefined }) {
  const navigate = useNavigate();
  const { session } = useSession();
  const client = useQueryClient();
  const canEdit = roleAtLeast(session.contact?.role, 'admin');
  const catalog = useCatalog();
  const [draft, setDraft] = useState<WorkflowDraft>(() => (w ? draftFrom(w) : emptyDraft()));
  const [actionErrors, setActionErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useCarriedNotice();
  const [testing, setTesting] = useState(false);
  const dirty = isDirty(draft, w);
  const enabled = w?.enabled ?? false;
  const record = w && workflowQueries.record(w.id).queryKey;
  const keep = (saved: Workflow) => client.setQueryData(workflowQueries.record(saved.id).queryKey, saved);

  const form = useDeskForm<Workflow, Mode>({
    fields: KNOWN_FIELDS,
    dirty,
    submit: (mode) => {
      setActionErrors({});
      setNotice(null);
      const input = toInput(draft, mode === 'enable' || enabled);
      return w ? workflowsApi.update(w.id, input) : workflowsApi.create(input);
    },
    invalidates: [workflowKeys.list],
    onSaved: (saved, mode) => {
      const text = savedText(mode, Boolean(w), saved.enabled);
      keep(saved);
      if (!w) {
        void navigate(`/admin/workflows/${encodeURIComponent(saved.id)}`, { replace: true, state: { notice: text } });
        return;
      }
      return text;
    },
    onFailed: (e) => setActionErrors(actionErrorsByKey(e.fields, draft.actions)),
  });
  const disable = useConfirmedAction({
    run: () => workflowsApi.update(w?.id ?? '', { enabled: false }),
    invalidates: [workflowKeys.list],
    onDone: (saved) => {
      keep(saved);
      setNotice('Disabled: no new runs start, and runs in progress stop at their next step.');
    },
  });
  const remove = useConfirmedAction({
    run: () => workflowsApi.remove(w?.id ?? ''),
    onDone: () => {
      client.removeQueries({ queryKey: record });
      void client.invalidateQueries({ queryKey: workflowKeys.list });
      void navigate('/admin/workflows', { state: { notice: `Deleted the workflow “${w?.name}”.` } });
    },
  });

  return (
    <div className="page page-wide">
      <Breadcrumb {...BACK} />
      <div className="page-head">
        <PageHeading title={w ? w.name : 'New workflow'} />
        {!canEdit && w && <Badge tone={w.enabled ? 'success' : 'neutral'}>{w.enabled ? 'Enabled' : 'Disabled'}</Badge>}
        {canEdit && (
          <Switch
            label="Enabled"
            checked={enabled}
            busy={form.busy}
            hint={enabled ? 'Runs for new events.' : w ? 'Off: nothing runs.' : 'Turning it on saves it.'}
            onCheckedChange={(on) => (on ? form.run('enable') : disable.start())}
          />
        )}
      </div>
      {w?.flagged && (
        <section className="flag-panel" aria-labelledby="flag-title">
          <h2 id="flag-title">Stopped and disabled: it set itself off</h2>
          <p>{w.flagged}</p>
          {canEdit && (
            <Button variant="secondary" busy={form.pending === 'enable'} busyLabel="Saving…" onClick={() => form.run('enable')}>
              Save the changes below and enable it again
            </Button>
          )}
        </section>
      )}
      <p className="note">{EDIT_RULE}</p>
      <Notice text={notice} />
      {!canEdit && <p className="note">Workflows are edited by admins and owners; you can read this one and its runs.</p>}
      {catalog.error && <ErrorAlert>Offers or communities could not be loaded: {catalog.error.message}</ErrorAlert>}

      <section className="card section-card" aria-labelledby="definition-title">
        <h2 id="definition-title">Trigger and actions</h2>
        <DeskForm form={form}>
          <fieldset disabled={!canEdit} className="fieldset-plain form">
            <WorkflowForm
              draft={draft}
              onChange={(update) => setDraft(update)}
              catalog={catalog}
              fields={form.fields}
              actionErrors={actionErrors}
              readOnly={!canEdit}
            />
          </fieldset>
          {canEdit && (
            <FormActions form={{ busy: form.pending === 'save' }} submit={w ? 'Save workflow' : 'Create workflow'} busyLabel="Saving…">
              <Button
                variant="secondary"
                disabled={!dirty}
                onClick={() => {
                  setDraft(w ? draftFrom(w) : emptyDraft());
                  form.reset();
                  setActionErrors({});
                }}
              >
                Discard changes
              </Button>
              {w && (
                <Button variant="secondary" onClick={() => setTesting(true)}>
                  Test run…
                </Button>
              )}
              <p className="form-status muted">{dirty ? 'Unsaved changes.' : w ? 'All changes saved.' : 'Not saved yet: it is created disabled.'}</p>
              {w && (
                <Button variant="quiet" className="btn-quiet-danger form-actions-end" onClick={() => remove.start()}>
                  Delete workflow
                </Button>
              )}
            </FormActions>
          )}
        </DeskForm>
      </section>

      {w && <WorkflowRuns workflowId={w.id} name={w.name} />}

      {w && (
        <TestRunDialog
          open={testing}
          workflowId={w.id}
          workflowName={w.name}
          dirty={dirty}
          onClose={(started) => {
            setTesting(false);
            if (started) setNotice(started);
          }}
        />
      )}
      <ConfirmAction action={disable} title={`Disable ${w?.name ?? 'this workflow'}?`} confirmLabel="Disable workflow" busyLabel="Disabling…" danger>
        <p>No new runs start, and runs in progress (including waiting ones) stop at their next step. Your unsaved edits stay in the form.</p>
      </ConfirmAction>
      <ConfirmAction action={remove} title={`Delete ${w?.name ?? 'this workflow'}?`} confirmLabel="Delete workflow" busyLabel="Deleting…" danger>
        <p>Runs in progress stop, and every run of it is deleted with it, including the history shown on contact records. To keep the history, disable it instead.</p>
      </ConfirmAction>
    </div>
  );
}

function savedText(mode: Mode, existed: boolean, enabled: boolean): string {
  if (mode === 'enable') return 'Saved and enabled: it runs for events from now on.';
  if (!existed) return enabled ? 'Workflow created and enabled.' : 'Workflow created. It is disabled: turn Enabled on when it is ready.';
  return enabled ? 'Saved. New runs use these actions; runs in flight keep the ones they started with.' : 'Saved. It is still disabled.';
}
