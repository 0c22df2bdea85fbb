import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { workflowsApi, type Workflow } from '../../../api/workflows';
import { ErrorAlert, Loading } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { PageHeading } from '../../../components/PageHeading';
import { Switch } from '../../../components/Switch';
import { useSession } from '../../../lib/session';
import { useFormErrors } from '../../../lib/useFormErrors';
import { useResource } from '../../../lib/useResource';
import { useServerDraft } from '../../../lib/useServerDraft';
import { Badge } from '../Badges';
import { deskError, DeskErrorAlert, Notice } from '../DeskAlerts';
import { roleAtLeast } from '../permissions';
import { useDeskAction } from '../useDeskAction';
import { TestRunDialog } from './TestRunDialog';
import { useCatalog } from '../useCatalog';
import { actionErrorsByKey, draftFrom, emptyDraft, isDirty, KNOWN_FIELDS, toInput, type WorkflowDraft } from './workflowDraft';
import { WorkflowForm } from './WorkflowForm';
import { WorkflowRuns } from './WorkflowRuns';
import { EDIT_RULE } from './workflowText';

type Saving = 'save' | 'enable' | null;

/** The builder: /admin/workflows/new and /admin/workflows/:id (support reads, admins edit). */
export function WorkflowPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const { session } = useSession();
  const canEdit = roleAtLeast(session.contact?.role, 'admin');
  const wf = useResource((signal) => (id ? workflowsApi.get(id, signal) : Promise.resolve(undefined)), [id]);
  const catalog = useCatalog();
  const [actionErrors, setActionErrors] = useState<Record<string, string>>({});
  const errors = useFormErrors(KNOWN_FIELDS);
  const [saving, setSaving] = useState<Saving>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const [runsKey, setRunsKey] = useState(0);
  const disable = useDeskAction();
  const remove = useDeskAction();
  const w = wf.data;
  // Taken once per workflow: a later answer (after a disable) must not throw away edits.
  const [draft, setDraft] = useServerDraft<Workflow, WorkflowDraft>(w, (x) => x.id, draftFrom, id ? null : emptyDraft());

  // A message carried from the page that sent us here ("created").
  useEffect(() => {
    setNotice((location.state as { notice?: string } | null)?.notice ?? null);
  }, [location.state]);

  if (id && (!w || !draft)) {
    return (
      <div className="page page-wide">
        <p className="breadcrumb">
          <Link to="/admin/workflows">Workflows</Link>
        </p>
        <PageHeading title={wf.error?.status === 404 ? 'Workflow not found' : 'Workflow'} />
        {wf.loading && <Loading label="Loading the workflow…" />}
        {wf.error && <DeskErrorAlert error={wf.error} onRetry={wf.reload} />}
      </div>
    );
  }
  if (!draft) return null;

  const dirty = isDirty(draft, w);
  const enabled = w?.enabled ?? false;

  async function save(on: boolean, mode: Exclude<Saving, null>) {
    if (saving || !draft) return;
    errors.clear();
    setActionErrors({});
    setNotice(null);
    setSaving(mode);
    try {
      const input = toInput(draft, on);
      const saved: Workflow = id ? await workflowsApi.update(id, input) : await workflowsApi.create(input);
      const text = savedText(mode, Boolean(id), saved.enabled);
      if (!id) {
        navigate(`/admin/workflows/${encodeURIComponent(saved.id)}`, { replace: true, state: { notice: text } });
        return;
      }
      wf.setData(() => saved);
      setNotice(text);
    } catch (err) {
      const e = deskError(err);
      setActionErrors(actionErrorsByKey(e.fields, draft.actions));
      errors.fail(e);
    } finally {
      setSaving(null);
    }
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save(enabled, 'save');
  };

  const title = w ? w.name : 'New workflow';
  return (
    <div className="page page-wide">
      <p className="breadcrumb">
        <Link to="/admin/workflows">Workflows</Link>
      </p>
      <div className="page-head">
        <PageHeading title={title} />
        {!canEdit && w && <Badge tone={w.enabled ? 'success' : 'neutral'}>{w.enabled ? 'Enabled' : 'Disabled'}</Badge>}
        {canEdit && (
          <Switch
            label="Enabled"
            checked={enabled}
            busy={saving !== null}
            hint={enabled ? 'Runs for new events.' : w ? 'Off: nothing runs.' : 'Turning it on saves it.'}
            onCheckedChange={(on) => (on ? void save(true, 'enable') : disable.start())}
          />
        )}
      </div>
      {w?.flagged && (
        <section className="flag-panel" aria-labelledby="flag-title">
          <h2 id="flag-title">Stopped and disabled: it set itself off</h2>
          <p>{w.flagged}</p>
          {canEdit && (
            <Button variant="secondary" busy={saving === 'enable'} busyLabel="Saving…" onClick={() => void save(true, 'enable')}>
              Save the changes below and enable it again
            </Button>
          )}
        </section>
      )}
      <p className="note">{EDIT_RULE}</p>
      <Notice text={notice} />
      {!canEdit && <p className="note">Workflows are edited by admins and owners; you can read this one and its runs.</p>}
      {errors.message && <ErrorAlert>{errors.message}</ErrorAlert>}
      {catalog.error && <ErrorAlert>Offers or communities could not be loaded: {catalog.error.message}</ErrorAlert>}

      <section className="card section-card" aria-labelledby="definition-title">
        <h2 id="definition-title">Trigger and actions</h2>
        <form ref={errors.formRef} onSubmit={onSubmit} noValidate className="form">
          <fieldset disabled={!canEdit} className="fieldset-plain form">
            <WorkflowForm
              draft={draft}
              onChange={(update) => setDraft((d) => (d ? update(d) : d))}
              catalog={catalog}
              fields={errors.fields}
              actionErrors={actionErrors}
              readOnly={!canEdit}
            />
          </fieldset>
          {canEdit && (
            <div className="form-actions">
              <Button type="submit" busy={saving === 'save'} busyLabel="Saving…">
                {w ? 'Save workflow' : 'Create workflow'}
              </Button>
              <Button
                variant="secondary"
                disabled={!dirty}
                onClick={() => {
                  setDraft(w ? draftFrom(w) : emptyDraft());
                  errors.clear();
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
                <Button variant="quiet" className="btn-quiet-danger form-actions-end" onClick={remove.start}>
                  Delete workflow
                </Button>
              )}
            </div>
          )}
        </form>
      </section>

      {w && <WorkflowRuns workflowId={w.id} name={w.name} refreshKey={runsKey} />}

      {w && (
        <TestRunDialog
          open={testing}
          workflowId={w.id}
          workflowName={w.name}
          dirty={dirty}
          onClose={(started) => {
            setTesting(false);
            if (started) {
              setNotice(started);
              setRunsKey((k) => k + 1);
            }
          }}
        />
      )}
      <ConfirmDialog
        open={disable.open}
        title={`Disable ${w?.name ?? 'this workflow'}?`}
        confirmLabel="Disable workflow"
        busyLabel="Disabling…"
        danger
        busy={disable.busy}
        error={disable.error}
        onCancel={disable.cancel}
        onConfirm={() =>
          id &&
          disable.run(async () => {
            const saved = await workflowsApi.update(id, { enabled: false });
            wf.setData(() => saved);
            setNotice('Disabled: no new runs start, and runs in progress stop at their next step.');
          })
        }
      >
        <p>No new runs start, and runs in progress (including waiting ones) stop at their next step. Your unsaved edits stay in the form.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={remove.open}
        title={`Delete ${w?.name ?? 'this workflow'}?`}
        confirmLabel="Delete workflow"
        busyLabel="Deleting…"
        danger
        busy={remove.busy}
        error={remove.error}
        onCancel={remove.cancel}
        onConfirm={() =>
          id &&
          remove.run(async () => {
            await workflowsApi.remove(id);
            navigate('/admin/workflows', { state: { notice: `Deleted the workflow “${w?.name}”.` } });
          })
        }
      >
        <p>Runs in progress stop, and every run of it is deleted with it, including the history shown on contact records. To keep the history, disable it instead.</p>
      </ConfirmDialog>
    </div>
  );
}

function savedText(mode: 'save' | 'enable', existed: boolean, enabled: boolean): string {
  if (mode === 'enable') return 'Saved and enabled: it runs for events from now on.';
  if (!existed) return enabled ? 'Workflow created and enabled.' : 'Workflow created. It is disabled: turn Enabled on when it is ready.';
  return enabled ? 'Saved. New runs use these actions; runs in flight keep the ones they started with.' : 'Saved. It is still disabled.';
}
