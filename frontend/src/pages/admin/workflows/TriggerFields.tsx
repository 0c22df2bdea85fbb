import type { TriggerType } from '../../../api/workflows';
import { SelectField, TextField } from '../../../components/Field';
import type { Catalog } from '../useCatalog';
import type { DraftTrigger } from './workflowDraft';
import { isOfferTrigger, TRIGGERS } from './workflowText';
import { CatalogOptions } from '../CatalogOptions';

interface Props {
  trigger: DraftTrigger;
  onChange: (patch: Partial<DraftTrigger>) => void;
  catalog: Catalog;
  /** The server's "trigger" message, shown on the control it is about. */
  error?: string;
}

/** What starts the workflow, with the filter its type takes (an offer, which grants, days). */
export function TriggerFields({ trigger: t, onChange, catalog, error }: Props) {
  const hint = TRIGGERS.find((x) => x.type === t.type)?.hint;
  const offerTrigger = isOfferTrigger(t.type);
  // One message for the whole trigger: it goes where it can be fixed.
  const on = t.type === 'not_logged_in' ? 'days' : offerTrigger && t.offer_id ? 'offer' : 'type';
  const offers = catalog.offers.filter((o) => !o.archived || o.id === t.offer_id);

  return (
    <fieldset className="fieldset">
      <legend>When this happens</legend>
      <SelectField
        label="Trigger"
        name="trigger_type"
        hint={hint}
        value={t.type}
        onValueChange={(v) => onChange({ type: v as TriggerType })}
        error={on === 'type' ? error : undefined}
      >
        {TRIGGERS.map((x) => (
          <option key={x.type} value={x.type}>
            {x.label}
          </option>
        ))}
      </SelectField>
      {offerTrigger && (
        <SelectField
          label="Offer"
          name="trigger_offer"
          value={t.offer_id}
          onValueChange={(v) => onChange({ offer_id: v })}
          error={on === 'offer' ? error : undefined}
        >
          <option value="">{catalog.loading ? 'Loading offers…' : 'Any offer'}</option>
          <CatalogOptions items={offers} />
        </SelectField>
      )}
      {t.type === 'offer_granted' && (
        <fieldset className="fieldset fieldset-inner">
          <legend>Which grants</legend>
          <div className="radio-stack">
            <label className="radio">
              <input type="radio" name="every_grant" checked={!t.every_grant} onChange={() => onChange({ every_grant: false })} /> The first grant only
            </label>
            <label className="radio">
              <input type="radio" name="every_grant" checked={t.every_grant} onChange={() => onChange({ every_grant: true })} /> Every grant, re-grants too
              (so it also works for existing members)
            </label>
          </div>
        </fieldset>
      )}
      {t.type === 'not_logged_in' && (
        <TextField
          label="Days after the invitation"
          hint="From 1 to 365, counted from their first offer grant (or from when the contact was created)."
          type="number"
          inputMode="numeric"
          min={1}
          max={365}
          name="trigger_days"
          className="field-short"
          value={t.days}
          onValueChange={(v) => onChange({ days: v })}
          error={on === 'days' ? error : undefined}
        />
      )}
    </fieldset>
  );
}
