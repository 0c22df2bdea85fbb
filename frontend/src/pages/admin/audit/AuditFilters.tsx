import { useQuery } from '@tanstack/react-query';
import { SelectField, TextField } from '../../../components/Field';
import { SearchField } from '../SearchField';
import { ACTION_LABELS } from '../auditText';
import { staffAdminQueries } from '../queries/staffAdmin';

export type AuditFilterName = 'actor_id' | 'action' | 'q' | 'from' | 'to';

const GROUPS: [string, string][] = [
  ['contact.', 'Contacts'],
  ['offer.', 'Offers'],
  ['password.', 'Passwords'],
  ['reset_link.', 'Reset links'],
  ['access_link.', 'Access links'],
  ['email.', 'Emails'],
  ['community.', 'Communities'],
  ['staff.', 'Staff'],
  ['settings.', 'Settings'],
  ['template.', 'Email templates'],
  ['workflow.', 'Workflows'],
  ['bulk.', 'Bulk operations'],
  ['import.', 'Imports'],
];

interface Props {
  values: Record<AuditFilterName, string>;
  /** The search as typed (it is applied a moment after typing stops). */
  q: string;
  onQChange: (v: string) => void;
  onChange: (name: AuditFilterName, value: string) => void;
}

/** Who did what, to whom, when: the audit log's filters (kept in the page's address). */
export function AuditFilters({ values, q, onQChange, onChange }: Props) {
  const staff = useQuery(staffAdminQueries.staff());
  return (
    <div role="search" aria-label="Filter the audit log" className="toolbar filters audit-filters">
      <SelectField label="Actor" name="actor_id" value={values.actor_id} onValueChange={(v) => onChange('actor_id', v)}>
        <option value="">{staff.error ? 'Staff could not load' : 'Anyone'}</option>
        {(staff.data?.items ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.name ? `${s.name} (${s.email})` : s.email}
          </option>
        ))}
      </SelectField>
      <SelectField label="Action" name="action" value={values.action} onValueChange={(v) => onChange('action', v)}>
        <option value="">Any action</option>
        {GROUPS.map(([prefix, label]) => (
          <optgroup key={prefix} label={label}>
            <option value={prefix}>All {label.toLowerCase()} actions</option>
            {Object.entries(ACTION_LABELS)
              .filter(([a]) => a.startsWith(prefix))
              .map(([a, text]) => (
                <option key={a} value={a}>
                  {text}
                </option>
              ))}
          </optgroup>
        ))}
      </SelectField>
      <SearchField
        label="Search"
        name="q"
        hint="A contact’s name or email, an offer or community, a staff address, a workflow or file name."
        value={q}
        onValueChange={onQChange}
      />
      <TextField label="From" name="from" type="date" value={values.from} onValueChange={(v) => onChange('from', v)} />
      <TextField label="To (inclusive)" name="to" type="date" value={values.to} onValueChange={(v) => onChange('to', v)} />
    </div>
  );
}

