import type { ImportOptions } from '../../../api/imports';
import { CatalogChecks } from '../CatalogOptions';
import type { Catalog } from '../useCatalog';

interface Props {
  options: ImportOptions;
  onChange: (patch: Partial<ImportOptions>) => void;
  catalog: Catalog;
}

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
        <CatalogChecks name="offer_ids" items={offers} chosen={options.offer_ids} onChange={(ids) => onChange({ offer_ids: ids })} />
      </fieldset>
      <fieldset className="fieldset">
        <legend>Communities for everyone in the file</legend>
        {!catalog.loading && communities.length === 0 && <p className="muted">No communities yet.</p>}
        <CatalogChecks name="community_ids" items={communities} chosen={options.community_ids} onChange={(ids) => onChange({ community_ids: ids })} />
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
