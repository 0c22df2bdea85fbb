import { useState } from 'react';
import { catalogApi, type Offer } from '../../../api/catalog';
import { DeskForm } from '../forms/DeskForm';
import { FormActions } from '../forms/FormActions';
import { useDeskForm } from '../forms/useDeskForm';
import { offerKeys } from '../queries/catalog';
import { OfferFields } from './OfferFields';
import { draftInput, draftProblems, EMPTY_DRAFT, isDraftDirty, OFFER_FIELDS, type OfferDraft } from './offerDraft';

export function NewOfferForm({ onCreated, onCancel }: { onCreated: (o: Offer) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<OfferDraft>(EMPTY_DRAFT);
  const form = useDeskForm({
    fields: OFFER_FIELDS,
    dirty: isDraftDirty(draft, EMPTY_DRAFT),
    validate: () => draftProblems(draft, true),
    submit: () => catalogApi.createOffer(draftInput(draft)),
    invalidates: [offerKeys.all],
    onSaved: onCreated,
  });

  return (
    <>
      <p className="muted">You can preview and refine the welcome email on the offer’s page after creating it.</p>
      <DeskForm form={form}>
        <OfferFields draft={draft} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} errors={form.fields} creating hasPreview={false} />
        <FormActions form={form} submit="Create offer" busyLabel="Creating…" onCancel={onCancel} />
      </DeskForm>
    </>
  );
}
