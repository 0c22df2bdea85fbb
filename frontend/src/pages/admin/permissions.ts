import type { Role } from '../../api/auth';

// What each staff role may do, so the desk shows only what will work. The server checks every
// route anyway (SECURITY.md "Admin actions"); these only decide what to show.

const RANK: Record<string, number> = { member: 0, support: 1, admin: 2, owner: 3 };

export function roleAtLeast(role: string | undefined, min: Role): boolean {
  return (RANK[role ?? ''] ?? 0) >= RANK[min];
}

/** Nobody acts on an account of a higher role than their own. */
export function canActOn(actorRole: string | undefined, targetRole: string): boolean {
  return (RANK[actorRole ?? ''] ?? 0) >= (RANK[targetRole] ?? 0);
}

export const STAFF_ROLES: Role[] = ['support', 'admin', 'owner'];

export const ROLE_DUTIES: Record<string, string> = {
  support: 'Contacts, resend welcome emails, send or copy reset and access links, bulk actions (except revoking).',
  admin: 'Everything support does, plus passwords, revoking, disabling, offers, communities, workflows, imports, email templates, settings and the audit log.',
  owner: 'Everything, including inviting staff and changing their roles.',
  member: 'No staff access: a member of the portal only.',
};

export interface NavItem {
  to: string;
  label: string;
  min: Role;
}

export const NAV_ITEMS: NavItem[] = [
  { to: '/admin/contacts', label: 'Contacts', min: 'support' },
  { to: '/admin/offers', label: 'Offers', min: 'support' },
  { to: '/admin/communities', label: 'Communities', min: 'support' },
  { to: '/admin/workflows', label: 'Workflows', min: 'support' },
  { to: '/admin/emails', label: 'Emails', min: 'support' },
  { to: '/admin/templates', label: 'Templates', min: 'support' },
  { to: '/admin/requests', label: 'Requests', min: 'support' },
  { to: '/admin/mailbox', label: 'Mailbox', min: 'owner' },
  { to: '/admin/import', label: 'Import', min: 'admin' },
  { to: '/admin/audit', label: 'Audit', min: 'admin' },
  { to: '/admin/staff', label: 'Staff', min: 'admin' },
  { to: '/admin/settings', label: 'Settings', min: 'admin' },
];
