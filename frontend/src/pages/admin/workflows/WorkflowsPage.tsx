import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { workflowsApi, type Workflow } from '../../../api/workflows';
import { EmptyState, ErrorAlert, Loading } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { PageHeading } from '../../../components/PageHeading';
import { Switch } from '../../../components/Switch';
import { useSession } from '../../../lib/session';
import { useResource } from '../../../lib/useResource';
import { Badge } from '../Badges';
import { deskErrorText, DeskErrorAlert, Notice } from '../DeskAlerts';
import { roleAtLeast } from '../permissions';
import { useDeskAction } from '../useDeskAction';
import { RecipeDialog } from './RecipeDialog';
import { useCatalog } from '../useCatalog';
import { EDIT_RULE, triggerSummary } from './workflowText';

const path = (w: Workflow) => `/admin/workflows/${encodeURIComponent(w.id)}`;

/** Every workflow: what starts it, on or off, and why one stopped itself. */
export function WorkflowsPage() {
  const { session } = useSession();
  const canEdit = roleAtLeast(session.contact?.role, 'admin');
  const navigate = useNavigate();
  const location = useLocation();
  const list = useResource((signal) => workflowsApi.list(signal), []);
  const catalog = useCatalog();
  const [recipe, setRecipe] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ w: Workflow; text: string } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [target, setTarget] = useState<Workflow | null>(null);
  const disable = useDeskAction();
  const items = list.data?.items ?? [];

  useEffect(() => {
    setNotice((location.state as { notice?: string } | null)?.notice ?? null);
  }, [location.state]);

  const replace = (saved: Workflow) => list.setData((d) => (d ? { ...d, items: d.items.map((x) => (x.id === saved.id ? saved : x)) } : d));

  async function enable(w: Workflow) {
    if (busyId) return;
    setBusyId(w.id);
    setFailure(null);
    setNotice(null);
    try {
      replace(await workflowsApi.update(w.id, { enabled: true }));
      setNotice(`${w.name} is enabled: it runs for events from now on.`);
    } catch (err) {
      setFailure({ w, text: deskErrorText(err) });
    } finally {
      setBusyId(null);
    }
  }

  return (
    <div className="page page-wide">
      <div className="page-head">
        <PageHeading title="Workflows" />
        {canEdit && (
          <div className="head-actions">
            <Button variant="secondary" onClick={() => setRecipe(true)}>
              Create from recipe…
            </Button>
            <Link to="/admin/workflows/new" className="btn btn-primary">
              New workflow
            </Link>
          </div>
        )}
      </div>
      <p className="muted">When a trigger fires for a contact, a workflow runs its actions for them, in order. {EDIT_RULE}</p>
      <Notice text={notice} />
      {failure && (
        <ErrorAlert>
          {failure.w.name} could not be enabled: {failure.text} <Link to={path(failure.w)}>Open it to fix it</Link>
        </ErrorAlert>
      )}
      {list.loading && !list.data && <Loading label="Loading workflows…" />}
      {list.error && <DeskErrorAlert error={list.error} onRetry={list.reload} />}
      {list.data && items.length === 0 && (
        <EmptyState title="No workflows yet.">
          {canEdit ? <p>Start with the recipe “Welcome now, nudge after 3 days if never logged in”, or build your own.</p> : <p>Admins and owners create them.</p>}
        </EmptyState>
      )}
      {items.length > 0 && (
        <div className="table-wrap" role="region" aria-label="Workflows" tabIndex={0}>
          <table className="table workflows-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Trigger</th>
                <th scope="col" className="num">
                  Actions
                </th>
                <th scope="col">Status</th>
                <th scope="col">Runs</th>
              </tr>
            </thead>
            <tbody>
              {items.map((w) => (
                <tr key={w.id} className={w.flagged ? 'row-flagged' : undefined}>
                  <td>
                    <Link to={path(w)}>{w.name}</Link>
                    {w.flagged && (
                      <div className="flag-note">
                        <Badge tone="danger">Stopped: loop</Badge>
                        <p>{w.flagged}</p>
                        {canEdit && <Link to={path(w)}>Edit and re-enable <span className="visually-hidden">{w.name}</span></Link>}
                      </div>
                    )}
                  </td>
                  <td>{triggerSummary(w.trigger, catalog.names)}</td>
                  <td className="num">{w.actions.length}</td>
                  <td>
                    {canEdit ? (
                      <Switch
                        label={
                          <>
                            Enabled<span className="visually-hidden">: {w.name}</span>
                          </>
                        }
                        checked={w.enabled}
                        busy={busyId === w.id}
                        onCheckedChange={(on) => {
                          if (on) return void enable(w);
                          setTarget(w);
                          disable.start();
                        }}
                      />
                    ) : (
                      <Badge tone={w.enabled ? 'success' : 'neutral'}>{w.enabled ? 'Enabled' : 'Disabled'}</Badge>
                    )}
                  </td>
                  <td>
                    <Link to={`${path(w)}#runs`}>
                      Runs <span className="visually-hidden">of {w.name}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <RecipeDialog
        open={recipe}
        catalog={catalog}
        onClose={(created) => {
          setRecipe(false);
          if (created) navigate(path(created), { state: { notice: 'Created from the recipe, and enabled: it runs for grants from now on.' } });
        }}
      />
      <ConfirmDialog
        open={disable.open}
        title={`Disable ${target?.name ?? 'this workflow'}?`}
        confirmLabel="Disable workflow"
        busyLabel="Disabling…"
        danger
        busy={disable.busy}
        error={disable.error}
        onCancel={disable.cancel}
        onConfirm={() =>
          target &&
          disable.run(async () => {
            replace(await workflowsApi.update(target.id, { enabled: false }));
            setNotice(`${target.name} is disabled.`);
          })
        }
      >
        <p>No new runs start, and runs in progress (including waiting ones) stop at their next step.</p>
      </ConfirmDialog>
    </div>
  );
}
