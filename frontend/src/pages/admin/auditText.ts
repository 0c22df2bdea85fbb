import type { Actor } from '../../api/admin';
import { formatMinutes } from './lifetimes';
import { humanize, requestKindLabel } from './Badges';

// Words for the audit log and the contact history: what an action was, and a one-line summary
// of its detail (which never holds a secret).

/** Staff actions as the audit log and the contact history name them. */
export const ACTION_LABELS: Record<string, string> = {
  'contact.create': 'Contact created',
  'contact.update': 'Contact edited',
  'contact.sign_out': 'Signed out everywhere',
  'contact.disable': 'Account disabled',
  'contact.enable': 'Account enabled',
  'contact.unsuppress': 'Address unsuppressed',
  'offer.grant': 'Offer granted',
  'offer.revoke': 'Offer revoked',
  'offer.resend_welcome': 'Welcome email resent',
  'offer.create': 'Offer created',
  'offer.update': 'Offer edited',
  'offer.archive': 'Offer archived',
  'offer.restore': 'Offer restored',
  'password.set': 'Password changed by staff',
  'reset_link.send': 'Reset link emailed',
  'reset_link.copy': 'Reset link copied',
  'access_link.copy': 'Access link copied',
  'email.retry': 'Email retried',
  'community.create': 'Community created',
  'community.update': 'Community edited',
  'community.archive': 'Community archived',
  'community.restore': 'Community restored',
  'community.add_member': 'Added to a community',
  'community.remove_member': 'Removed from a community',
  'staff.invite': 'Staff invited',
  'staff.role': 'Staff role changed',
  'settings.update': 'Settings changed',
  'template.update': 'Email template changed',
  'workflow.create': 'Workflow created',
  'workflow.update': 'Workflow changed',
  'workflow.delete': 'Workflow deleted',
  'workflow.test_run': 'Workflow test run',
  'bulk.resend_welcome': 'Bulk: welcome emails resent',
  'bulk.send_reset_link': 'Bulk: reset links sent',
  'bulk.grant_offer': 'Bulk: offer granted',
  'bulk.revoke_offer': 'Bulk: offer revoked',
  'bulk.add_to_community': 'Bulk: added to a community',
  'bulk.sign_out': 'Bulk: signed out everywhere',
  'bulk.cancel': 'Bulk operation cancelled',
  'bulk.resume': 'Bulk operation resumed',
  'import.upload': 'Import uploaded',
  'import.run': 'Import run',
  'import.cancel': 'Import cancelled',
  'identity.link': 'Sign-in provider connected',
  'identity.unlink': 'Sign-in provider unlinked',
  'contact.self_signup': 'Signed up with a provider',
  'session.code_sign_in': 'Signed in with an emailed code',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? requestKindLabel(action);
}

// The command line names its imports "gatehouse import <file>".
const CLI_IMPORT = 'gatehouse import ';

/**
 * Who acted, to follow "by": a staff member's address, or what acted for the portal ("the
 * workflow “Welcome”", "an import of contacts.csv", "a bulk run (started by ann@…)", "API key
 * “Shop”").
 */
export function actorName({ actor_kind: kind, actor_label: label, actor_email: email }: Actor): string {
  switch (kind) {
    case 'workflow':
      return label ? `the workflow “${label}”` : 'a workflow';
    case 'import':
      if (label?.startsWith(CLI_IMPORT)) return `a command-line import of ${label.slice(CLI_IMPORT.length)}`;
      return label ? `an import of ${label}` : 'an import';
    case 'bulk':
      return email ? `a bulk run (started by ${email})` : 'a bulk run';
    case 'api':
      return label ? `API key “${label}”` : 'an API key';
  }
  return email || 'the system';
}

/** The same, to stand alone (the audit log's Actor column): "The workflow “Welcome”". */
export function actorTitle(actor: Actor): string {
  const name = actorName(actor);
  return actor.actor_kind && actor.actor_kind !== 'staff' ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}


const DETAIL_KEYS: Record<string, string> = {
  offer: 'Offer',
  name: 'Name',
  email: 'Email',
  role: 'Role',
  from: 'From',
  to: 'To',
  reason: 'Reason',
  sessions: 'Sessions ended',
  generated: 'Generated',
  temporary: 'Temporary',
  notified: 'Member notified',
  send_welcome: 'Welcome email',
  portal_name: 'Portal name',
  community: 'Community',
  custom: 'Own text',
  enabled: 'Enabled',
  total: 'Contacts',
  filename: 'File',
  rows: 'Rows',
  dry_run: 'Dry run',
  provider: 'Provider',
  provider_email: 'Provider account',
  via: 'How',
  allow_self_signup: 'Provider sign-up',
  allow_code_sign_in: 'Code sign-in',
  allow_staff_code_sign_in: 'Staff code sign-in',
  slug: 'Slug',
};

// Ids mean nothing to a reader: left out of the summary.
const isId = (key: string) => key === 'id' || key.endsWith('_id') || key === 'created_by';

// How a provider account came to be connected (identity.link's "via").
const LINK_VIA: Record<string, string> = {
  sign_in_verified_email: 'signed in, matched by verified email',
  account_page: 'from the account page',
  self_signup: 'signed up',
};

function detailValue(key: string, value: unknown): string {
  if (key === 'ttl_minutes' && typeof value === 'number') return formatMinutes(value);
  if (key === 'via' && typeof value === 'string') return LINK_VIA[value] ?? value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** "Offer: Pottery 101 · Link lifetime: 1 hour"; ids are left out (they mean nothing to a reader). */
export function detailSummary(detail: Record<string, unknown> | null | undefined): string {
  if (!detail) return '';
  return Object.entries(detail)
    .filter(([k]) => !isId(k))
    .map(([k, v]) => `${k === 'ttl_minutes' ? 'Link lifetime' : (DETAIL_KEYS[k] ?? humanize(k))}: ${detailValue(k, v)}`)
    .join(' · ');
}
