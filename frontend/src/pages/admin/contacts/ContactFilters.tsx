import { SelectField } from '../../../components/Field';
import { CONTACT_STATUS_OPTIONS } from '../Badges';
import { SearchField } from '../SearchField';
import { useCatalog } from '../useCatalog';
import { CatalogOptions } from '../CatalogOptions';

export type FilterName = 'offer_id' | 'community_id' | 'status' | 'sort';

export const SORTS: [string, string][] = [
  ['', 'Newest first'],
  ['name', 'Name A–Z'],
  ['last_login', 'Last sign-in'],
];

interface Props {
  q: string;
  onQChange: (q: string) => void;
  values: Record<FilterName, string>;
  onChange: (name: FilterName, value: string) => void;
}

/** Search and filters of the contacts list; the values live in the page's address. */
export function ContactFilters({ q, onQChange, values, onChange }: Props) {
  const catalog = useCatalog();

  return (
    <div role="search" className="contact-filters">
      <div className="toolbar">
        <SearchField label="Search contacts" hint="By name or email address." name="q" value={q} onValueChange={onQChange} />
      </div>
      <div className="toolbar filters">
        <SelectField label="Offer" name="offer_id" value={values.offer_id} onValueChange={(v) => onChange('offer_id', v)}>
          <option value="">{catalog.error ? 'Offers could not load' : 'Any offer'}</option>
          <CatalogOptions items={catalog.offers} />
        </SelectField>
        <SelectField label="Community" name="community_id" value={values.community_id} onValueChange={(v) => onChange('community_id', v)}>
          <option value="">{catalog.error ? 'Communities could not load' : 'Any community'}</option>
          <CatalogOptions items={catalog.communities} />
        </SelectField>
        <SelectField label="Status" name="status" value={values.status} onValueChange={(v) => onChange('status', v)}>
          <option value="">All statuses</option>
          {CONTACT_STATUS_OPTIONS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Sort by" name="sort" value={values.sort} onValueChange={(v) => onChange('sort', v)}>
          {SORTS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      </div>
    </div>
  );
}
