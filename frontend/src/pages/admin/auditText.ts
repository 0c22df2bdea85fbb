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
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? requestKindLabel(action);
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
};

function detailValue(key: string, value: unknown): string {
  if (key === 'ttl_minutes' && typeof value === 'number') return formatMinutes(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** "Offer: Pottery 101 · Link lifetime: 1 hour"; ids are left out (they mean nothing to a reader). */
export function detailSummary(detail: Record<string, unknown> | null | undefined): string {
  if (!detail) return '';
  return Object.entries(detail)
    .filter(([k]) => !k.endsWith('_id') && k !== 'id')
    .map(([k, v]) => `${k === 'ttl_minutes' ? 'Link lifetime' : (DETAIL_KEYS[k] ?? humanize(k))}: ${detailValue(k, v)}`)
    .join(' · ');
}
