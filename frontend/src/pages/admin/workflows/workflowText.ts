import type { Action, ActionType, Trigger, TriggerType } from '../../../api/workflows';
import type { Names } from '../useCatalog';

// Words for workflows: what starts one, what each action does, and how a run went. One place,
// so the list, the builder, the runs table and the contact record say the same thing.

export const TRIGGERS: { type: TriggerType; label: string; hint: string }[] = [
  { type: 'offer_granted', label: 'An offer is granted', hint: 'Any offer or one of them; the first grant only, or every grant.' },
  { type: 'offer_revoked', label: 'An offer is revoked', hint: 'Any offer or one of them.' },
  { type: 'contact_created', label: 'A contact is created', hint: 'By staff, an import or a workflow.' },
  { type: 'not_logged_in', label: 'Not signed in N days after the invitation', hint: 'Members who have never signed in; checked every 10 minutes.' },
  { type: 'email_bounced', label: 'An email bounced or was marked as spam', hint: 'The address is suppressed at the same time.' },
  { type: 'reset_requested', label: 'A password reset is requested', hint: 'By the member (Forgot password) or by staff.' },
];

export const ACTIONS: { type: ActionType; label: string }[] = [
  { type: 'send_welcome_email', label: 'Send the membership welcome email' },
  { type: 'send_reset_link', label: 'Send a password reset link' },
  { type: 'grant_offer', label: 'Grant an offer' },
  { type: 'revoke_offer', label: 'Revoke an offer' },
  { type: 'add_to_community', label: 'Add to a community' },
  { type: 'remove_from_community', label: 'Remove from a community' },
  { type: 'wait', label: 'Wait' },
  { type: 'notify_staff', label: 'Notify staff by email' },
];

export function isOfferTrigger(type: string): boolean {
  return type === 'offer_granted' || type === 'offer_revoked';
}

export function actionLabel(type: string): string {
  return ACTIONS.find((a) => a.type === type)?.label ?? type.replace(/_/g, ' ');
}

/** "When Pottery 101 is granted (first grant only)". */
export function triggerSummary(t: Trigger, names: Names): string {
  const offer = t.offer_id ? names.offer(t.offer_id) : 'any offer';
  switch (t.type) {
    case 'offer_granted':
      return `When ${offer} is granted (${t.every_grant ? 'every grant, re-grants too' : 'first grant only'})`;
    case 'offer_revoked':
      return `When ${offer} is revoked`;
    case 'contact_created':
      return 'When a contact is created';
    case 'not_logged_in':
      return `When a contact has not signed in ${t.days === 1 ? '1 day' : `${t.days ?? '?'} days`} after the invitation`;
    case 'email_bounced':
      return 'When an email to the contact bounces or is marked as spam';
    case 'reset_requested':
      return 'When a password reset is requested for the contact';
  }
  return 'When an unknown trigger fires';
}

/** "Send the welcome email of the triggering offer", "Wait 3 days" … */
export function actionSummary(a: Action, names: Names): string {
  const offerOr = (fallback: string) => (a.offer_id ? names.offer(a.offer_id) : fallback);
  let text: string;
  switch (a.type) {
    case 'send_welcome_email':
      text = `Send the welcome email of ${offerOr('the triggering offer')}`;
      break;
    case 'send_reset_link':
      text = 'Send a password reset link';
      break;
    case 'grant_offer':
      text = `Grant ${offerOr('an offer')}`;
      break;
    case 'revoke_offer':
      text = `Revoke ${offerOr('the triggering offer')}`;
      break;
    case 'add_to_community':
      text = `Add to ${a.community_id ? names.community(a.community_id) : 'a community'}`;
      break;
    case 'remove_from_community':
      text = `Remove from ${a.community_id ? names.community(a.community_id) : 'a community'}`;
      break;
    case 'wait':
      text = a.minutes ? `Wait ${waitText(a.minutes)}` : 'Wait';
      break;
    case 'notify_staff':
      text = 'Notify staff by email';
      break;
    default:
      text = actionLabel(a.type);
  }
  return a.unless_logged_in ? `${text}, unless they have signed in` : text;
}

/** "1 day", "36 hours", "90 minutes": the largest unit that holds the wait exactly. */
export function waitText(minutes: number): string {
  const [n, unit] = minutes % 1440 === 0 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
  return `${n.toLocaleString()} ${unit}${n === 1 ? '' : 's'}`;
}

type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export const RUN_STATUS: Record<string, [string, Tone]> = {
  running: ['Running', 'info'],
  waiting: ['Waiting', 'info'],
  done: ['Done', 'success'],
  failed: ['Failed', 'danger'],
  stopped: ['Stopped', 'warning'],
  stopped_loop: ['Stopped: loop', 'danger'],
};

export const STEP_OUTCOME: Record<string, [string, Tone]> = {
  done: ['Done', 'success'],
  skipped: ['Skipped', 'neutral'],
  waiting: ['Waiting', 'info'],
  failed: ['Failed', 'danger'],
  stopped: ['Stopped', 'warning'],
};

/** Runs still moving: the tables read them again until they settle. */
export function runInFlight(status: string): boolean {
  return status === 'running' || status === 'waiting';
}

/** The rule staff must know before editing or disabling a workflow. */
export const EDIT_RULE =
  'Runs in flight keep the actions they started with; edits apply to new runs. Disabling stops runs at their next step.';
