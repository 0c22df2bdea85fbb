import { useEffect, useRef, useState } from 'react';
import { workflowsApi, type Workflow } from '../../../api/workflows';
import { SelectField } from '../../../components/Field';
import { DeskForm } from '../forms/DeskForm';
import { FormDialog } from '../forms/FormDialog';
import { useDeskForm } from '../forms/useDeskForm';
import { workflowKeys } from '../queries/workflows';
import { CatalogOptions } from '../CatalogOptions';
import type { Catalog } from '../useCatalog';

const FORM_ID = 'recipe-form';

/** "Welcome now, nudge after 3 days if never logged in", for one offer or any, in one click. */
export function RecipeDialog({ open, catalog, onClose }: { open: boolean; catalog: Catalog; onClose: (created: Workflow | null) => void }) {
  const [offerId, setOfferId] = useState('');
  const selectRef = useRef<HTMLElement>(null);
  const offers = catalog.offers.filter((o) => !o.archived);
  const offer = offers.find((o) => o.id === offerId);
  const which = offer ? offer.name : 'any offer';
  const form = useDeskForm({
    fields: ['offer_id'],
    submit: () => workflowsApi.createRecipe(offerId),
    invalidates: [workflowKeys.list],
    onSaved: (created) => onClose(created),
  });
  const { reset } = form;

  useEffect(() => {
    if (!open) return;
    setOfferId('');
    reset();
  }, [open, reset]);

  return (
    <FormDialog
      open={open}
      title="Create from a recipe"
      form={form}
      formId={FORM_ID}
      submit="Create and enable"
      busyLabel="Creating…"
      onClose={() => onClose(null)}
      initialFocus={selectRef}
    >
      <DeskForm form={form} id={FORM_ID}>
        <h3 className="recipe-title">Welcome now, nudge after 3 days if never logged in</h3>
        <ol className="recipe-steps">
          <li>When {which} is granted (every grant), send its welcome email with a fresh link.</li>
          <li>Wait 3 days.</li>
          <li>Send the welcome email again with a new link, unless they have signed in since.</li>
        </ol>
        <div ref={(el) => void (selectRef.current = el?.querySelector('select') ?? null)}>
          <SelectField
            label="For which offer"
            name="recipe_offer"
            hint="Optional: leave “Any offer” for every offer."
            value={offerId}
            onValueChange={setOfferId}
            error={form.fields.offer_id}
          >
            <option value="">{catalog.loading ? 'Loading offers…' : 'Any offer'}</option>
            <CatalogOptions items={offers} />
          </SelectField>
        </div>
        <p className="dialog-warning">
          It is enabled at once and sends the welcome email itself whenever you grant {which}. If the grant already sent one (“Send the welcome
          email” ticked), the workflow skips its own, so members never get two.
        </p>
      </DeskForm>
    </FormDialog>
  );
}
