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
  /** The lowest role that sees it (the page itself says so to anyone below). */
  min: Role;
}

export interface NavGroup {
  label: string;
  items: NavItem[];
}

const item = (to: string, label: string, min: Role = 'support'): NavItem => ({ to: `/admin/${to}`, label, min });

/** First in the navigation while the owner's "Get started" checklist is open (see start/firstRun.ts). */
export const START_GROUP: NavGroup = { label: 'Start', items: [item('start', 'Get started', 'owner')] };

/** The desk's side navigation, by what staff look after. New areas (Integrations, Security) are new groups here. */
export const NAV_GROUPS: NavGroup[] = [
  { label: 'People', items: [item('contacts', 'Contacts'), item('staff', 'Staff', 'admin'), item('import', 'Import', 'admin')] },
  { label: 'Access', items: [item('offers', 'Offers'), item('communities', 'Communities'), item('apps', 'Apps', 'admin'), item('workflows', 'Workflows'), item('bulk', 'Bulk')] },
  { label: 'Email', items: [item('emails', 'Emails'), item('templates', 'Templates'), item('requests', 'Requests'), item('mailbox', 'Mailbox', 'owner')] },
  { label: 'Settings', items: [item('settings', 'Settings', 'admin'), item('audit', 'Audit', 'admin')] },
  {
    label: 'Integrations',
    items: [item('api-keys', 'API keys', 'admin'), item('webhooks', 'Webhooks', 'admin'), item('api-reference', 'API reference', 'admin')],
  },
];
