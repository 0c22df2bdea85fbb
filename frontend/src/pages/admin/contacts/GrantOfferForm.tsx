import { useState, type FormEvent } from 'react';
import { adminApi, type ContactDetail } from '../../../api/admin';
import { catalogApi } from '../../../api/catalog';
import { ErrorAlert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { CheckboxField, SelectField } from '../../../components/Field';
import { useFormErrors } from '../../../lib/useFormErrors';
import { useResource } from '../../../lib/useResource';
import { deskError } from '../DeskAlerts';
import { useLinkLifetimes } from '../lifetimes';
import { contactWho } from './record';

const FIELDS = ['offer_id'] as const;

export function GrantOfferForm({ contact, onGranted }: { contact: ContactDetail; onGranted: (message: string) => void }) {
  const offers = useResource((signal) => catalogApi.offers({}, signal), []);
  const [offerId, setOfferId] = useState('');
  const [sendWelcome, setSendWelcome] = useState(true);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);
  const lifetimes = useLinkLifetimes();

  const held = new Set(contact.offers.map((g) => g.offer_id));
  const available = (offers.data?.items ?? []).filter((o) => !o.archived && !held.has(o.id));
  const offer = available.find((o) => o.id === offerId);
  const who = contactWho(contact);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    errors.clear();
    if (!offer) return errors.invalid({ offer_id: 'Choose an offer to grant.' });
    setConfirming(true);
  }

  async function grant() {
    if (!offer || busy) return;
    setBusy(true);
    try {
      const res = await adminApi.grantOffer(contact.id, offer.id, sendWelcome);
      setConfirming(false);
      setOfferId('');
      setSendWelcome(true);
      onGranted(
        res.welcome_email_id
          ? `Granted ${offer.name}. The welcome email to ${contact.email} is queued; follow it under Emails.`
          : `Granted ${offer.name}. No email was sent.`,
      );
    } catch (err) {
      setConfirming(false);
      errors.fail(deskError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="subsection">
      <h3>Grant offer</h3>
      {offers.error && <ErrorAlert>Offers could not be loaded: {offers.error.message}</ErrorAlert>}
      {errors.message && <ErrorAlert>{errors.message}</ErrorAlert>}
      {offers.data && available.length === 0 ? (
        <p className="muted">This contact already holds every active offer.</p>
      ) : (
        <form ref={errors.formRef} onSubmit={onSubmit} noValidate className="form">
          <SelectField label="Offer" name="offer_id" value={offerId} onValueChange={setOfferId} error={errors.fields.offer_id} required>
            <option value="">{offers.loading ? 'Loading offers…' : 'Choose an offer'}</option>
            {available.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
          <CheckboxField
            label="Send the welcome email"
            hint={`It includes a fresh link to choose a password, valid for ${lifetimes.welcome}.`}
            checked={sendWelcome}
            onCheckedChange={setSendWelcome}
          />
          <div>
            <Button type="submit">Grant offer…</Button>
          </div>
        </form>
      )}
      <ConfirmDialog
        open={confirming}
        title={offer ? `Grant ${offer.name}?` : 'Grant offer?'}
        confirmLabel={sendWelcome ? 'Grant and send email' : 'Grant without email'}
        busyLabel="Granting…"
        busy={busy}
        onConfirm={grant}
        onCancel={() => setConfirming(false)}
      >
        <p>
          <strong>{who}</strong> gets access to <strong>{offer?.name}</strong>.
        </p>
        {sendWelcome ? (
          <p>
            We’ll email the welcome email for {offer?.name} to <strong>{contact.email}</strong>, with a link to choose a password that works for {lifetimes.welcome}.
          </p>
        ) : (
          <p>No email will be sent: they won’t hear about it unless you tell them.</p>
        )}
      </ConfirmDialog>
    </div>
  );
}
