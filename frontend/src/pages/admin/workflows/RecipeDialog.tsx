import { useEffect, useRef, useState } from 'react';
import { workflowsApi, type Workflow } from '../../../api/workflows';
import { Button } from '../../../components/Button';
import { Dialog } from '../../../components/Dialog';
import { SelectField } from '../../../components/Field';
import { deskErrorText } from '../DeskAlerts';
import type { Catalog } from '../useCatalog';

/** "Welcome now, nudge after 3 days if never logged in", for one offer or any, in one click. */
export function RecipeDialog({ open, catalog, onClose }: { open: boolean; catalog: Catalog; onClose: (created: Workflow | null) => void }) {
  const [offerId, setOfferId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const selectRef = useRef<HTMLElement>(null);
  const offers = catalog.offers.filter((o) => !o.archived);
  const offer = offers.find((o) => o.id === offerId);
  const which = offer ? offer.name : 'any offer';

  useEffect(() => {
    if (!open) return;
    setOfferId('');
    setError(null);
  }, [open]);

  async function create() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onClose(await workflowsApi.createRecipe(offerId));
    } catch (err) {
      setError(deskErrorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      title="Create from a recipe"
      onClose={() => !busy && onClose(null)}
      busy={busy}
      error={error}
      describe={false}
      className="dialog-wide"
      initialFocus={selectRef}
      actions={
        <>
          <button type="button" className="btn btn-secondary" onClick={() => onClose(null)} disabled={busy}>
            Cancel
          </button>
          <Button busy={busy} busyLabel="Creating…" onClick={create}>
            Create and enable
          </Button>
        </>
      }
    >
      <h3 className="recipe-title">Welcome now, nudge after 3 days if never logged in</h3>
      <ol className="recipe-steps">
        <li>When {which} is granted (every grant), send its welcome email with a fresh link.</li>
        <li>Wait 3 days.</li>
        <li>Send the welcome email again with a new link, unless they have signed in since.</li>
      </ol>
      <div ref={(el) => void (selectRef.current = el?.querySelector('select') ?? null)}>
        <SelectField label="For which offer" name="recipe_offer" hint="Optional: leave “Any offer” for every offer." value={offerId} onValueChange={setOfferId}>
          <option value="">{catalog.loading ? 'Loading offers…' : 'Any offer'}</option>
          {offers.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
      </div>
      <p className="dialog-warning">
        It is enabled at once and sends the welcome email itself whenever you grant {which}. If the grant already sent one (“Send the welcome
        email” ticked), the workflow skips its own, so members never get two.
      </p>
    </Dialog>
  );
}
