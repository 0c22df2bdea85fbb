import type { ContactDetail, ContactSummary } from '../../../api/admin';

/** What every section of the contact record is given. */
export interface RecordSectionProps {
  contact: ContactDetail;
  /** False on an account of a higher role than the signed-in staff member's. */
  canAct: boolean;
  /** Admin or owner: passwords, revoking, disabling, unsuppressing. */
  isAdmin: boolean;
  /** The record of the signed-in staff member. */
  self: boolean;
  /** Re-reads the record, its emails and its history. */
  onChanged: () => void;
  notice: string | null;
  onNotice: (text: string) => void;
}

/** "Mia Member (mia@example.com)", or the address alone: who a confirmation is about. */
export function contactWho(c: Pick<ContactSummary, 'name' | 'email'>): string {
  return c.name ? `${c.name} (${c.email})` : c.email;
}

/** A provider's reason as part of a sentence: no trailing full stop, never empty. */
export function reasonText(reason: string | null | undefined): string {
  return (reason ?? '').trim().replace(/\.$/, '') || 'no reason given';
}

/** How someone is in a community: "Added directly, and via Pottery 101" (directly: the first words). */
export function membershipText(m: { direct: boolean; via_offers: string[] | null }, directly: string): string {
  const via = m.via_offers ?? [];
  if (m.direct && via.length) return `${directly}, and via ${via.join(', ')}`;
  if (m.direct) return directly;
  return via.length ? `Via ${via.join(', ')}` : 'Via an offer';
}
