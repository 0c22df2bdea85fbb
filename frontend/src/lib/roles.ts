import type { Role } from '../api/auth';

const STAFF: ReadonlySet<string> = new Set(['support', 'admin', 'owner']);

export function isStaff(role: string | undefined): boolean {
  return role !== undefined && STAFF.has(role);
}

export const ROLE_LABELS: Record<Role, string> = {
  member: 'Member',
  support: 'Support',
  admin: 'Admin',
  owner: 'Owner',
};

export function roleLabel(role: string): string {
  return (ROLE_LABELS as Record<string, string>)[role] ?? role;
}
