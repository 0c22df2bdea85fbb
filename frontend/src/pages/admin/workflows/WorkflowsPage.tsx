import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { workflowsApi, type Workflow } from '../../../api/workflows';
import { EmptyState, ErrorAlert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { Switch } from '../../../components/Switch';
import { useSession } from '../../../lib/session';
import { Badge } from '../Badges';
import { deskErrorText, Notice, useCarriedNotice } from '../DeskAlerts';
import { ConfirmAction } from '../forms/ConfirmAction';
import { useConfirmedAction } from '../forms/useConfirmedAction';
import { ListStatus, listState } from '../ListStatus';
import { roleAtLeast } from '../permissions';
import { workflowKeys, workflowQueries } from '../queries/workflows';
import { TableRegion } from '../TableRegion';
import { useCatalog } from '../useCatalog';
import { RecipeDialog } from './RecipeDialog';
import { EDIT_RULE, triggerSummary } from './workflowText';

const path = (w: Workflow) => `/admin/workflows/${encodeURIComponent(w.id)}`;

/** Every workflow: what starts it, on or off, and why one stopped itself. */
export function WorkflowsPage() {
  const { session } = useSession();
  const canEdit = roleAtLeast(session.contact?.role, 'admin');
  const navigate = useNavigate();
  const client = useQueryClient();
  const list = useQuery(workflowQueries.list());
  const catalog = useCatalog();
  const [recipe, setRecipe] = useState(false);
  const [notice, setNotice] = useCarriedNotice();
  const items = list.data?.items ?? [];

  // The list shows the server's answer at once; the workflow's own page reads it again.
  const replace = (saved: Workflow) => {
    client.setQueryData(workflowQueries.list().queryKey, (d) => d && { ...d, items: d.items.map((x) => (x.id === saved.id ? saved : x)) });
    void client.invalidateQueries({ queryKey: workflowKeys.record(saved.id) });
  };
  const enable = useMutation({
    mutationFn: (w: Workflow) => workflowsApi.update(w.id, { enabled: true }),
    onMutate: () => setNotice(null),
    onSuccess: (saved, w) => {
      replace(saved);
      setNotice(`${w.name} is enabled: it runs for events from now on.`);
    },
  });
  const disable = useConfirmedAction({
    run: (w: Workflow) => workflowsApi.update(w.id, { enabled: false }),
    onDone: (saved, w) => {
      replace(saved);
      setNotice(`${w.name} is disabled.`);
    },
  });
  const failed = enable.error ? enable.variables : undefined;

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
      {failed && (
        <ErrorAlert>
          {failed.name} could not be enabled: {deskErrorText(enable.error)} <Link to={path(failed)}>Open it to fix it</Link>
        </ErrorAlert>
      )}
      <ListStatus
        state={listState(list)}
        count={items.length}
        loading="Loading workflows…"
        empty={
          <EmptyState title="No workflows yet.">
            {canEdit ? <p>Start with the recipe “Welcome now, nudge after 3 days if never logged in”, or build your own.</p> : <p>Admins and owners create them.</p>}
          </EmptyState>
        }
      />
      {items.length > 0 && (
        <TableRegion label="Workflows" className="workflows-table" columns={['Name', 'Trigger', { label: 'Actions', className: 'num' }, 'Status', 'Runs']}>
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
                    busy={enable.isPending && enable.variables?.id === w.id}
                    onCheckedChange={(on) => (on ? !enable.isPending && enable.mutate(w) : disable.start(w))}
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
        </TableRegion>
      )}
      <RecipeDialog
        open={recipe}
        catalog={catalog}
        onClose={(created) => {
          setRecipe(false);
          if (created) void navigate(path(created), { state: { notice: 'Created from the recipe, and enabled: it runs for grants from now on.' } });
        }}
      />
      <ConfirmAction action={disable} title={`Disable ${disable.target?.name ?? 'this workflow'}?`} confirmLabel="Disable workflow" busyLabel="Disabling…" danger>
        <p>No new runs start, and runs in progress (including waiting ones) stop at their next step.</p>
      </ConfirmAction>
    </div>
  );
}
