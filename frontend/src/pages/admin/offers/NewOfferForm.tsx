import { useState, type FormEvent } from 'react';
import { catalogApi, type Offer } from '../../../api/catalog';
import { ErrorAlert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { useFormErrors } from '../../../lib/useFormErrors';
import { deskError } from '../DeskAlerts';
import { OfferFields } from './OfferFields';
import { draftInput, draftProblems, EMPTY_DRAFT, OFFER_FIELDS, type OfferDraft } from './offerDraft';

export function NewOfferForm({ onCreated, onCancel }: { onCreated: (o: Offer) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<OfferDraft>(EMPTY_DRAFT);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(OFFER_FIELDS);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    errors.clear();
    const problems = draftProblems(draft);
    if (Object.keys(problems).length) return errors.invalid(problems);
    setBusy(true);
    try {
      onCreated(await catalogApi.createOffer(draftInput(draft)));
    } catch (err) {
      errors.fail(deskError(err));
      setBusy(false);
    }
  }

  return (
    <section className="card section-card" aria-labelledby="new-offer-title">
      <h2 id="new-offer-title">New offer</h2>
      <p className="muted">You can preview and refine the welcome email on the offer’s page after creating it.</p>
      {errors.message && <ErrorAlert>{errors.message}</ErrorAlert>}
      <form ref={errors.formRef} onSubmit={onSubmit} noValidate className="form">
        <OfferFields draft={draft} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} errors={errors.fields} />
        <div className="form-actions">
          <Button type="submit" busy={busy} busyLabel="Creating…">
            Create offer
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </section>
  );
}
