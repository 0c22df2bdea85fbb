import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { ContactSummary } from '../../../api/admin';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { roleLabel } from '../../../lib/roles';
import { Badge, ContactStatusBadge } from '../Badges';
import { TableRegion } from '../TableRegion';

/** Ticked rows, for bulk actions. */
export interface RowSelection {
  selected: ReadonlySet<string>;
  /** Ticks or unticks these ids (one row, or every row shown). */
  onChange: (ids: string[], on: boolean) => void;
}

export function ContactsTable({ contacts, label = 'Contacts', selection }: { contacts: ContactSummary[]; label?: string; selection?: RowSelection }) {
  const ticked = selection ? contacts.filter((c) => selection.selected.has(c.id)).length : 0;
  const all = contacts.length > 0 && ticked === contacts.length;
  const some = ticked > 0 && !all;
  const allRef = useRef<HTMLInputElement>(null);

  // "Some ticked" has no HTML attribute: it is a property of the checkbox.
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = some;
  }, [some]);

  const selectAll = selection && {
    key: 'select',
    className: 'cell-check',
    label: (
      <input
        ref={allRef}
        type="checkbox"
        className="row-check"
        aria-label={`Select all ${contacts.length} contacts shown`}
        checked={all}
        onChange={(e) =>
          selection.onChange(
            contacts.map((c) => c.id),
            e.target.checked,
          )
        }
      />
    ),
  };

  return (
    <TableRegion label={label} columns={[...(selectAll ? [selectAll] : []), 'Name', 'Email', 'Status', 'Last sign-in', 'Created']}>
      {contacts.map((c) => (
        <tr key={c.id} className={selection?.selected.has(c.id) ? 'row-selected' : undefined}>
          {selection && (
            <td className="cell-check">
              <input
                type="checkbox"
                className="row-check"
                aria-label={`Select ${c.name || c.email}`}
                checked={selection.selected.has(c.id)}
                onChange={(e) => selection.onChange([c.id], e.target.checked)}
              />
            </td>
          )}
          <td>
            <Link to={`/admin/contacts/${encodeURIComponent(c.id)}`}>{c.name || c.email}</Link>
            {c.role !== 'member' && <Badge tone="info">{roleLabel(c.role)}</Badge>}
          </td>
          <td className="cell-break">{c.email}</td>
          <td>
            <ContactStatusBadge status={c.status ?? (c.disabled ? 'disabled' : c.last_login_at ? 'active' : 'invited')} />
          </td>
          <td>
            {c.last_login_at ? (
              <time dateTime={c.last_login_at}>{formatDateTime(c.last_login_at)}</time>
            ) : (
              <span className="muted">Never signed in</span>
            )}
          </td>
          <td>
            <time dateTime={c.created_at}>{formatDate(c.created_at)}</time>
          </td>
        </tr>
      ))}
    </TableRegion>
  );
}
