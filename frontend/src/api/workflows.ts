import { api, seg } from './client';
import type { Page } from './admin';

/** Runs per page of a runs table. */
export const RUNS_PAGE = 20;

// Workflows: when a trigger fires for a contact, run actions. Support reads them and their runs;
// admins and owners write and test-run them.

export type TriggerType = 'offer_granted' | 'offer_revoked' | 'contact_created' | 'not_logged_in' | 'email_bounced' | 'reset_requested';

export type ActionType =
  | 'send_welcome_email'
  | 'send_reset_link'
  | 'grant_offer'
  | 'revoke_offer'
  | 'add_to_community'
  | 'remove_from_community'
  | 'wait'
  | 'notify_staff';

export interface Trigger {
  type: TriggerType;
  /** offer_granted / offer_revoked: only this offer (none: any offer). */
  offer_id?: string;
  /** offer_granted: re-grants too, not only the first grant. */
  every_grant?: boolean;
  /** not_logged_in: days after the invitation (1–365). */
  days?: number;
}

export interface Action {
  type: ActionType;
  offer_id?: string;
  community_id?: string;
  /** wait: 1 to 525,600 (365 days). */
  minutes?: number;
  /** notify_staff: at most 1,000 characters. */
  message?: string;
  /** Skip the step if the contact has signed in since the run started. */
  unless_logged_in?: boolean;
}

export interface Workflow {
  id: string;
  name: string;
  enabled: boolean;
  trigger: Trigger;
  actions: Action[];
  version: number;
  /** Why the workflow was stopped and disabled (its own action fired its trigger); empty when not. */
  flagged: string;
  created_at: string;
  updated_at: string;
}

export interface WorkflowInput {
  name: string;
  enabled: boolean;
  trigger: Trigger;
  actions: Action[];
}

export type RunStatus = 'running' | 'waiting' | 'done' | 'failed' | 'stopped' | 'stopped_loop';
export type StepOutcome = 'done' | 'skipped' | 'waiting' | 'failed' | 'stopped';

export interface RunStep {
  /** Index of the action (0-based). */
  step: number;
  /** The action type, or "loop" for a run stopped before it started. */
  type: string;
  outcome: StepOutcome | string;
  detail?: string;
  at: string;
}

export interface WorkflowRun {
  id: string;
  workflow_id: string;
  workflow_version: number;
  contact_id: string;
  /** Empty when the contact was deleted. */
  contact_email: string;
  contact_name: string;
  /** Empty when the workflow was deleted. */
  workflow_name: string;
  /** How many actions the run's copy of the workflow holds. */
  total_steps: number;
  status: RunStatus | string;
  /** The next step to run (0-based). */
  step: number;
  test: boolean;
  steps: RunStep[] | null;
  wait_until: string | null;
  started_at: string;
  finished_at: string | null;
}

const workflowPath = (id: string) => `/api/admin/workflows/${seg(id)}`;

export const workflowsApi = {
  list: (signal?: AbortSignal) => api.get<Page<Workflow>>('/api/admin/workflows', { signal }),
  get: (id: string, signal?: AbortSignal) => api.get<Workflow>(workflowPath(id), { signal }),
  create: (w: WorkflowInput) => api.post<Workflow>('/api/admin/workflows', w),
  update: (id: string, patch: Partial<WorkflowInput>) => api.patch<Workflow>(workflowPath(id), patch),
  remove: (id: string) => api.delete<void>(workflowPath(id)),
  /** The built-in recipe "Welcome now, nudge after 3 days if never logged in" (created enabled). */
  createRecipe: (offerId: string) => api.post<Workflow>('/api/admin/workflows/recipes/welcome-nudge', offerId ? { offer_id: offerId } : {}),
  /** Runs the workflow for one contact now, waits skipped. */
  testRun: (id: string, contactId: string) => api.post<{ run_id: string }>(`${workflowPath(id)}/test`, { contact_id: contactId }),
  runs: (id: string, cursor?: string, signal?: AbortSignal) =>
    api.get<Page<WorkflowRun>>(`${workflowPath(id)}/runs`, { query: { limit: RUNS_PAGE, cursor }, signal }),
  contactRuns: (contactId: string, cursor?: string, signal?: AbortSignal) =>
    api.get<Page<WorkflowRun>>(`/api/admin/contacts/${seg(contactId)}/workflow-runs`, { query: { limit: RUNS_PAGE, cursor }, signal }),
};
