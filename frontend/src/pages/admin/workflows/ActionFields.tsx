import type { ActionType } from '../../../api/workflows';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../components/Field';
import type { Catalog } from '../useCatalog';
import { WAIT_UNITS, type DraftAction, type WaitUnit } from './workflowDraft';
import { ACTIONS } from './workflowText';
import { CatalogOptions } from '../CatalogOptions';

interface Props {
  action: DraftAction;
  /** The trigger names an offer the action can use when it names none. */
  offerTrigger: boolean;
  catalog: Catalog;
  onChange: (patch: Partial<DraftAction>) => void;
  /** The server's message for this action ("actions.N"), shown on the control it is about. */
  error?: string;
}

const OFFER_ACTIONS = new Set<ActionType>(['send_welcome_email', 'grant_offer', 'revoke_offer']);
const COMMUNITY_ACTIONS = new Set<ActionType>(['add_to_community', 'remove_from_community']);

/** The fields of one action: its type, then what that type needs. */
export function ActionFields({ action: a, offerTrigger, catalog, onChange, error }: Props) {
  const usesOffer = OFFER_ACTIONS.has(a.type);
  const usesCommunity = COMMUNITY_ACTIONS.has(a.type);
  const errorOnType = !usesOffer && !usesCommunity && a.type !== 'wait' && a.type !== 'notify_staff';
  const offers = catalog.offers.filter((o) => !o.archived || o.id === a.offer_id);
  const communities = catalog.communities.filter((c) => !c.archived || c.id === a.community_id);
  const triggering = offerTrigger && a.type !== 'grant_offer';

  return (
    <div className="action-fields">
      <SelectField
        label="Action"
        name={`${a.key}-type`}
        value={a.type}
        onValueChange={(v) => onChange({ type: v as ActionType })}
        error={errorOnType ? error : undefined}
      >
        {ACTIONS.map((x) => (
          <option key={x.type} value={x.type}>
            {x.label}
          </option>
        ))}
      </SelectField>

      {usesOffer && (
        <SelectField
          label="Offer"
          name={`${a.key}-offer`}
          hint={a.type === 'send_welcome_email' ? 'Its welcome email, always with a fresh link to choose a password.' : undefined}
          value={a.offer_id}
          onValueChange={(v) => onChange({ offer_id: v })}
          error={error}
        >
          <option value="">{triggering ? 'The offer that triggered the run' : 'Choose an offer'}</option>
          <CatalogOptions items={offers} />
        </SelectField>
      )}

      {usesCommunity && (
        <SelectField label="Community" name={`${a.key}-community`} value={a.community_id} onValueChange={(v) => onChange({ community_id: v })} error={error}>
          <option value="">{catalog.loading ? 'Loading communities…' : 'Choose a community'}</option>
          <CatalogOptions items={communities} />
        </SelectField>
      )}

      {a.type === 'wait' && (
        <div className="wait-row">
          <TextField
            label="Wait for"
            describedBy={`${a.key}-wait-hint`}
            type="number"
            inputMode="numeric"
            min={1}
            name={`${a.key}-amount`}
            value={a.waitAmount}
            onValueChange={(v) => onChange({ waitAmount: v })}
            error={error}
          />
          <SelectField label="Unit" name={`${a.key}-unit`} value={a.waitUnit} onValueChange={(v) => onChange({ waitUnit: v as WaitUnit })}>
            {WAIT_UNITS.map((u) => (
              <option key={u.unit} value={u.unit}>
                {u.label}
              </option>
            ))}
          </SelectField>
          <p id={`${a.key}-wait-hint`} className="field-hint wait-hint">
            From 1 minute to 365 days.
          </p>
        </div>
      )}

      {a.type === 'notify_staff' && (
        <TextAreaField
          label="Message (optional)"
          hint="Admins and owners get an email naming the contact and this workflow, with your message. At most 1,000 characters."
          name={`${a.key}-message`}
          rows={3}
          maxLength={1000}
          value={a.message}
          onValueChange={(v) => onChange({ message: v })}
          error={error}
        />
      )}

      {a.type !== 'wait' && (
        <CheckboxField
          label="Skip if the contact has signed in"
          hint="Since the run started: a nudge only for members who are still locked out."
          checked={a.unless_logged_in}
          onCheckedChange={(on) => onChange({ unless_logged_in: on })}
        />
      )}
    </div>
  );
}
