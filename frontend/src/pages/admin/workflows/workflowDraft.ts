import type { Action, ActionType, Trigger, TriggerType, Workflow, WorkflowInput } from '../../../api/workflows';

// The builder's editable copy of a workflow. Actions carry a key of their own, so React keeps
// each one's inputs (and focus) through reorders and field errors follow the action they belong
// to; keys never reach the server. Only the fields of the chosen type are sent.

export type WaitUnit = 'minutes' | 'hours' | 'days';

export const WAIT_UNITS: { unit: WaitUnit; label: string; minutes: number }[] = [
  { unit: 'minutes', label: 'minutes', minutes: 1 },
  { unit: 'hours', label: 'hours', minutes: 60 },
  { unit: 'days', label: 'days', minutes: 24 * 60 },
];

export interface DraftAction {
  key: string;
  type: ActionType;
  offer_id: string;
  community_id: string;
  message: string;
  unless_logged_in: boolean;
  /** The wait as typed: an amount of a unit. */
  waitAmount: string;
  waitUnit: WaitUnit;
}

export interface DraftTrigger {
  type: TriggerType;
  offer_id: string;
  every_grant: boolean;
  days: string;
}

export interface WorkflowDraft {
  name: string;
  trigger: DraftTrigger;
  actions: DraftAction[];
}

let lastKey = 0;
function newKey(): string {
  lastKey += 1;
  return `action-${lastKey}`;
}

/** The largest unit that holds the minutes exactly: 4320 → 3 days, 90 → 90 minutes. */
export function splitMinutes(minutes: number): { amount: string; unit: WaitUnit } {
  for (const u of [...WAIT_UNITS].reverse()) {
    if (minutes > 0 && minutes % u.minutes === 0) return { amount: String(minutes / u.minutes), unit: u.unit };
  }
  return { amount: minutes > 0 ? String(minutes) : '', unit: 'minutes' };
}

export function waitMinutes(a: Pick<DraftAction, 'waitAmount' | 'waitUnit'>): number {
  const n = Number(a.waitAmount);
  const factor = WAIT_UNITS.find((u) => u.unit === a.waitUnit)?.minutes ?? 1;
  return Number.isInteger(n) && n > 0 ? n * factor : 0;
}

export function newAction(type: ActionType = 'send_welcome_email'): DraftAction {
  return { key: newKey(), type, offer_id: '', community_id: '', message: '', unless_logged_in: false, waitAmount: '1', waitUnit: 'days' };
}

function draftAction(a: Action): DraftAction {
  const wait = splitMinutes(a.minutes ?? 0);
  return {
    ...newAction(a.type),
    offer_id: a.offer_id ?? '',
    community_id: a.community_id ?? '',
    message: a.message ?? '',
    unless_logged_in: Boolean(a.unless_logged_in),
    waitAmount: a.type === 'wait' ? wait.amount : '1',
    waitUnit: a.type === 'wait' ? wait.unit : 'days',
  };
}

export function emptyDraft(): WorkflowDraft {
  return {
    name: '',
    trigger: { type: 'offer_granted', offer_id: '', every_grant: false, days: '3' },
    actions: [newAction('send_welcome_email')],
  };
}

export function draftFrom(w: Workflow): WorkflowDraft {
  return {
    name: w.name,
    trigger: {
      type: w.trigger.type,
      offer_id: w.trigger.offer_id ?? '',
      every_grant: Boolean(w.trigger.every_grant),
      days: String(w.trigger.days ?? 3),
    },
    actions: w.actions.map(draftAction),
  };
}

function triggerInput(t: DraftTrigger): Trigger {
  switch (t.type) {
    case 'offer_granted':
      return { type: t.type, offer_id: t.offer_id || undefined, every_grant: t.every_grant };
    case 'offer_revoked':
      return { type: t.type, offer_id: t.offer_id || undefined };
    case 'not_logged_in':
      return { type: t.type, days: Number(t.days) || 0 };
    default:
      return { type: t.type };
  }
}

/** An action as it is sent: the fields of its type only. */
export function actionInput(a: DraftAction): Action {
  const out: Action = { type: a.type };
  switch (a.type) {
    case 'send_welcome_email':
    case 'grant_offer':
    case 'revoke_offer':
      if (a.offer_id) out.offer_id = a.offer_id;
      break;
    case 'add_to_community':
    case 'remove_from_community':
      if (a.community_id) out.community_id = a.community_id;
      break;
    case 'wait':
      out.minutes = waitMinutes(a);
      break;
    case 'notify_staff':
      if (a.message.trim()) out.message = a.message.trim();
      break;
  }
  if (a.unless_logged_in && a.type !== 'wait') out.unless_logged_in = true;
  return out;
}

/** What the server is sent: the fields of each chosen type, without the builder's keys. */
export function toInput(d: WorkflowDraft, enabled: boolean): WorkflowInput {
  return { name: d.name.trim(), enabled, trigger: triggerInput(d.trigger), actions: d.actions.map(actionInput) };
}

/** Whether the draft differs from what is saved. */
export function isDirty(d: WorkflowDraft, saved: Workflow | undefined): boolean {
  const base = saved ? toInput(draftFrom(saved), saved.enabled) : toInput(emptyDraft(), false);
  return JSON.stringify(toInput(d, base.enabled)) !== JSON.stringify(base);
}

/** The list with the item at from moved to to (both in range). */
export function moved<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

/**
 * The server's "actions.N" messages keyed by the action they belong to, so they stay with it
 * when the list is reordered afterwards.
 */
export function actionErrorsByKey(fields: Record<string, string>, actions: DraftAction[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, message] of Object.entries(fields)) {
    const m = /^actions\.(\d+)$/.exec(name);
    const action = m ? actions[Number(m[1])] : undefined;
    if (action) out[action.key] = message;
  }
  return out;
}

export const KNOWN_FIELDS = ['name', 'trigger', 'actions', ...Array.from({ length: 20 }, (_, i) => `actions.${i}`)];
