import type { EmailFilters as Filters } from '../../../api/admin';
import type { FieldErrors } from '../../../api/client';
import { SelectField, TextField } from '../../../components/Field';
import { EMAIL_KIND_VALUES, EMAIL_STATUSES, emailKindLabel, emailStatusLabel } from '../Badges';
import { SearchField } from '../SearchField';
import type { EmailFilterName } from './emailFilters';

interface Props {
  values: Filters;
  /** The address search as typed (it applies a moment after typing stops). */
  q: string;
  onQChange: (q: string) => void;
  onChange: (name: EmailFilterName, value: string) => void;
  errors: FieldErrors;
}

/** Status, kind, address and dates of the email log; the values live in the page's address. */
export function EmailFilters({ values, q, onQChange, onChange, errors }: Props) {
  return (
    <div role="search" aria-label="Filter the email log" className="toolbar filters email-filters">
      <SearchField
        label="Address"
        hint="Part of the recipient’s email address."
        name="q"
        value={q}
        onValueChange={onQChange}
        error={errors.q}
        className="email-filter-q"
      />
      <SelectField label="Status" name="status" value={values.status ?? ''} onValueChange={(v) => onChange('status', v)} error={errors.status}>
        <option value="">All statuses</option>
        {EMAIL_STATUSES.map((s) => (
          <option key={s} value={s}>
            {emailStatusLabel(s)}
          </option>
        ))}
        <option value="stuck">Stuck (15+ min)</option>
      </SelectField>
      <SelectField label="Kind" name="kind" value={values.kind ?? ''} onValueChange={(v) => onChange('kind', v)} error={errors.kind}>
        <option value="">All kinds</option>
        {EMAIL_KIND_VALUES.map((k) => (
          <option key={k} value={k}>
            {emailKindLabel(k)}
          </option>
        ))}
      </SelectField>
      <TextField label="From" name="from" type="date" value={values.from ?? ''} onValueChange={(v) => onChange('from', v)} error={errors.from} />
      <TextField label="To (inclusive)" name="to" type="date" value={values.to ?? ''} onValueChange={(v) => onChange('to', v)} error={errors.to} />
    </div>
  );
}
