import type { ImportOptions } from '../../../api/imports';
import { CheckboxField } from '../../../components/Field';
import type { Catalog } from '../useCatalog';

interface Props {
  options: ImportOptions;
  onChange: (patch: Partial<ImportOptions>) => void;
  catalog: Catalog;
}

const toggled = (list: string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));

/** What every imported row gets: offers, communities, and whether the welcome email goes now. */
export function ImportOptionsFields({ options, onChange, catalog }: Props) {
  const offers = catalog.offers.filter((o) => !o.archived);
  const communities = catalog.communities.filter((c) => !c.archived);
  return (
    <>
      <fieldset className="fieldset">
        <legend>Offers for everyone in the file</legend>
        {catalog.loading && <p className="muted">Loading offers…</p>}
        {!catalog.loading && offers.length === 0 && <p className="muted">No offers yet.</p>}
        <div className="check-grid">
          {offers.map((o) => (
            <CheckboxField
              key={o.id}
              name="offer_ids"
              label={o.name}
              checked={options.offer_ids.includes(o.id)}
              onCheckedChange={(on) => onChange({ offer_ids: toggled(options.offer_ids, o.id, on) })}
            />
          ))}
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>Communities for everyone in the file</legend>
        {!catalog.loading && communities.length === 0 && <p className="muted">No communities yet.</p>}
        <div className="check-grid">
          {communities.map((c) => (
            <CheckboxField
              key={c.id}
              name="community_ids"
              label={c.name}
              checked={options.community_ids.includes(c.id)}
              onCheckedChange={(on) => onChange({ community_ids: toggled(options.community_ids, c.id, on) })}
            />
          ))}
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>Welcome email</legend>
        <p className="field-hint">For each offer a row is newly granted (chosen above, or in an Offers column).</p>
        <div className="radio-stack">
          <label className="radio">
            <input type="radio" name="send_welcome" checked={options.send_welcome} onChange={() => onChange({ send_welcome: true })} /> Send the
            welcome email now, with a link to choose a password
          </label>
          <label className="radio">
            <input type="radio" name="send_welcome" checked={!options.send_welcome} onChange={() => onChange({ send_welcome: false })} /> Never
            (you can resend it later, one by one or in bulk)
          </label>
        </div>
      </fieldset>
    </>
  );
}
