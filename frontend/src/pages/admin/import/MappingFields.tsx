import type { ImportField, ImportMapping } from '../../../api/imports';
import { SelectField } from '../../../components/Field';
import { IMPORT_FIELDS } from './csvHeader';

interface Props {
  columns: string[];
  mapping: ImportMapping;
  onChange: (field: ImportField, column: string) => void;
  emailError?: string;
}

/** One select per field, offering the file's columns (pre-chosen from their names). */
export function MappingFields({ columns, mapping, onChange, emailError }: Props) {
  return (
    <div className="mapping-grid">
      {IMPORT_FIELDS.map(({ field, label, hint }) => (
        <SelectField
          key={field}
          label={label}
          hint={hint}
          name={`map_${field}`}
          value={mapping[field] ?? ''}
          onValueChange={(v) => onChange(field, v)}
          error={field === 'email' ? emailError : undefined}
          required={field === 'email'}
        >
          <option value="">{field === 'email' ? 'Choose the column' : 'Not imported'}</option>
          {columns.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </SelectField>
      ))}
    </div>
  );
}
