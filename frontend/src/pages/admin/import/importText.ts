import type { ImportRecord } from '../../../api/imports';
import type { Names } from '../useCatalog';

// Words for imports: the counts of a dry run and of a run, and what an import will do.

/** [count key, label, the phase it belongs to]. */
export const COUNT_LABELS: [string, string, 'dry' | 'run'][] = [
  ['new', 'New contacts', 'dry'],
  ['update', 'Existing contacts to update', 'dry'],
  ['created', 'Created', 'run'],
  ['updated', 'Updated', 'run'],
  ['invalid', 'Invalid rows (skipped)', 'dry'],
  ['duplicate', 'Duplicates in the file (skipped)', 'dry'],
  ['failed', 'Failed', 'run'],
];

export function isMoving(status: string): boolean {
  return status === 'dry_running' || status === 'running';
}

export function rowsText(n: number): string {
  return `${n.toLocaleString()} ${n === 1 ? 'row' : 'rows'}`;
}

const names = (ids: string[] | undefined, name: (id: string) => string) => (ids ?? []).map(name).join(', ');

/** The confirmation of a run: who is created, updated, granted and emailed, and what is skipped. */
export function importWillDo(im: ImportRecord, n: Names): string[] {
  const c = im.counts ?? {};
  const o = im.options ?? {};
  const created = c.new ?? 0;
  const updated = c.update ?? 0;
  const lines = [
    `Creates ${created.toLocaleString()} new ${created === 1 ? 'contact' : 'contacts'} and updates ${updated.toLocaleString()} existing ${updated === 1 ? 'one' : 'ones'}, each row all or nothing.`,
  ];
  const offers = names(o.offer_ids, n.offer);
  const communities = names(o.community_ids, n.community);
  if (offers) lines.push(`Every imported row is granted ${offers}.`);
  if (communities) lines.push(`Every imported row joins ${communities}.`);
  lines.push(
    o.send_welcome
      ? 'The welcome email of each offer newly granted is sent now, with a link to choose a password.'
      : 'No welcome email is sent.',
  );
  const skipped = (c.invalid ?? 0) + (c.duplicate ?? 0);
  if (skipped > 0) lines.push(`${rowsText(skipped)} ${skipped === 1 ? 'is' : 'are'} skipped (invalid or duplicate); the report lists them with the reason.`);
  return lines;
}
