import type { BulkAction, BulkClass, BulkFilter } from '../../../api/bulk';
import { CONTACT_STATUS_OPTIONS } from '../Badges';
import type { Names } from '../useCatalog';

// Words for bulk operations: the actions, how a dry run classifies contacts, and exactly who
// gets what when it runs.

export interface BulkActionInfo {
  action: BulkAction;
  label: string;
  needs: 'offer' | 'community' | null;
  /** Only admins and owners may run it. */
  adminOnly?: boolean;
}

export const BULK_ACTIONS: BulkActionInfo[] = [
  { action: 'resend_welcome', label: 'Resend welcome email', needs: 'offer' },
  { action: 'send_reset_link', label: 'Send password reset link', needs: null },
  { action: 'grant_offer', label: 'Grant offer', needs: 'offer' },
  { action: 'revoke_offer', label: 'Revoke offer', needs: 'offer', adminOnly: true },
  { action: 'add_to_community', label: 'Add to community', needs: 'community' },
  { action: 'sign_out', label: 'Sign out everywhere', needs: null },
];

export function bulkActionInfo(action: string): BulkActionInfo | undefined {
  return BULK_ACTIONS.find((a) => a.action === action);
}

export function bulkActionLabel(action: string): string {
  return bulkActionInfo(action)?.label ?? action.replace(/_/g, ' ');
}

export const CLASSES: BulkClass[] = ['will_act', 'suppressed', 'already_active', 'disabled', 'invalid', 'not_allowed'];

/** What each class means for this action (the dry run's rows). */
export function classLabel(cls: string, action: string): string {
  switch (cls) {
    case 'will_act':
      return 'Will act';
    case 'suppressed':
      return 'Suppressed address (skipped)';
    case 'already_active':
      return alreadyText(action);
    case 'disabled':
      return 'Account disabled (skipped)';
    case 'invalid':
      return invalidText(action);
    case 'not_allowed':
      return 'A staff account above your role (skipped)';
  }
  return cls.replace(/_/g, ' ');
}

function alreadyText(action: string): string {
  switch (action) {
    case 'resend_welcome':
      return 'Already signed in (skipped)';
    case 'grant_offer':
      return 'Already hold the offer (skipped)';
    case 'add_to_community':
      return 'Already in the community (skipped)';
    case 'sign_out':
      return 'No active session (skipped)';
  }
  return 'Already done (skipped)';
}

function invalidText(action: string): string {
  return action === 'resend_welcome' || action === 'revoke_offer' ? 'Do not hold the offer (skipped)' : 'No longer exists (skipped)';
}

/** Outcomes in the progress counts and the report, in order. */
export const OUTCOMES = ['done', 'suppressed', 'already_active', 'disabled', 'invalid', 'not_allowed', 'failed', 'pending'];

/** An outcome of a run in words; a skip says why, as the dry run did for the same action. */
export function outcomeLabel(outcome: string, action: string): string {
  switch (outcome) {
    case 'done':
      return 'Done';
    case 'failed':
      return 'Failed';
    case 'pending':
      return 'Still to do';
    case 'suppressed':
      return 'Suppressed (skipped)';
  }
  return classLabel(outcome, action);
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** Exactly what happens to the contacts the action applies to (the run's confirmation). */
export function willHappen(action: string, n: number, offer: string, community: string): string {
  const who = plural(n, 'contact', 'contacts');
  switch (action) {
    case 'resend_welcome':
      return `${who} get the ${offer} welcome email again, each with a new link to choose a password; their previous link stops working.`;
    case 'send_reset_link':
      return `${who} get an email with a link to choose a new password. Their current password keeps working until they use it.`;
    case 'grant_offer':
      return `${who} get ${offer}. This sends no email itself; workflows that react to a grant still run.`;
    case 'revoke_offer':
      return `${who} lose ${offer} and the communities that come only with it. Nothing is emailed.`;
    case 'add_to_community':
      return `${who} join ${community}. Nothing is emailed.`;
    case 'sign_out':
      return `${who} are signed out on every device. Nothing is emailed.`;
  }
  return `${who} are acted on.`;
}

export function contactsText(n: number): string {
  return plural(n, 'contact', 'contacts');
}

/** The contacts list's filters in words: "every contact holding Pottery 101, matching “mia”". */
export function filterWords(f: BulkFilter, names: Names): string {
  const parts: string[] = [];
  if (f.offer_id) parts.push(`holding ${names.offer(f.offer_id)}`);
  if (f.community_id) parts.push(`in ${names.community(f.community_id)}`);
  if (f.status) parts.push(`with the status “${CONTACT_STATUS_OPTIONS.find(([v]) => v === f.status)?.[1] ?? f.status}”`);
  if (f.q) parts.push(`matching “${f.q}”`);
  return parts.length > 0 ? `every contact ${parts.join(', ')}` : 'every contact (no filter is set)';
}
