import type { LinkLifetimes } from '../../api/auth';
import { useSession } from '../../lib/session';

// Lifetimes staff can choose for a link they copy (SECURITY.md: 15 minutes to 7 days).

export interface Lifetime {
  minutes: number;
  label: string;
}

export const LINK_LIFETIMES: Lifetime[] = [
  { minutes: 15, label: '15 minutes' },
  { minutes: 60, label: '1 hour' },
  { minutes: 24 * 60, label: '24 hours' },
  { minutes: 3 * 24 * 60, label: '3 days' },
  { minutes: 7 * 24 * 60, label: '7 days' },
];

/** "15 minutes", "1 hour", "3 days": the largest whole unit. */
export function formatMinutes(minutes: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes >= 2 * 24 * 60 && minutes % (24 * 60) === 0) return plural(minutes / (24 * 60), 'day');
  if (minutes >= 60 && minutes % 60 === 0) return plural(minutes / 60, 'hour');
  return plural(minutes, 'minute');
}

/** The portal's defaults, for a session that does not carry link_lifetimes. */
const DEFAULT_LIFETIMES: LinkLifetimes = { staff_reset_minutes: 24 * 60, welcome_minutes: 3 * 24 * 60 };

/** How long the links staff send work ("24 hours", "3 days"), as set in Settings. */
export function useLinkLifetimes(): { staffReset: string; welcome: string } {
  const lifetimes = useSession().session.link_lifetimes ?? DEFAULT_LIFETIMES;
  return { staffReset: formatMinutes(lifetimes.staff_reset_minutes), welcome: formatMinutes(lifetimes.welcome_minutes) };
}
