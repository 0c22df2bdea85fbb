import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { adminApi, type ContactDetail } from '../../../api/admin';
import { ErrorAlert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { CheckboxField, SelectField } from '../../../components/Field';
import { DeskForm } from '../forms/DeskForm';
import { useDeskForm } from '../forms/useDeskForm';
import { useLinkLifetimes } from '../lifetimes';
import { catalogQueries } from '../queries/catalog';
import { contactWho } from './record';

const FIELDS = ['offer_id'] as const;

export function GrantOfferForm({ contact, onGranted }: { contact: ContactDetail; onGranted: (message: string) => void }) {
  const offers = useQuery(catalogQueries.offers());
  const [offerId, setOfferId] = useState('');
  const [sendWelcome, setSendWelcome] = useState(true);
  const lifetimes = useLinkLifetimes();

  const held = new Set(contact.offers.map((g) => g.offer_id));
  const available = (offers.data?.items ?? []).filter((o) => !o.archived && !held.has(o.id));
  const offer = available.find((o) => o.id === offerId);
  const who = contactWho(contact);

  const form = useDeskForm({
    fields: FIELDS,
    confirmFirst: true,
    validate: () => (offer ? {} : { offer_id: 'Choose an offer to grant.' }),
    submit: () => adminApi.grantOffer(contact.id, offerId, sendWelcome),
    onSaved: (res) => {
      setOfferId('');
      setSendWelcome(true);
      onGranted(
        res.welcome_email_id
          ? `Granted ${offer?.name}. The welcome email to ${contact.email} is queued; follow it under Emails.`
          : `Granted ${offer?.name}. No email was sent.`,
      );
    },
  });

  return (
    <div className="subsection">
      <h3>Grant offer</h3>
      {offers.error && <ErrorAlert>Offers could not be loaded: {offers.error.message}</ErrorAlert>}
      {offers.data && available.length === 0 ? (
        <p className="muted">This contact already holds every active offer.</p>
      ) : (
        <DeskForm form={form}>
          <SelectField label="Offer" name="offer_id" value={offerId} onValueChange={setOfferId} error={form.fields.offer_id} required>
            <option value="">{offers.isPending ? 'Loading offers…' : 'Choose an offer'}</option>
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
        </DeskForm>
      )}
      <ConfirmDialog
        open={form.confirming}
        title={offer ? `Grant ${offer.name}?` : 'Grant offer?'}
        confirmLabel={sendWelcome ? 'Grant and send email' : 'Grant without email'}
        busyLabel="Granting…"
        busy={form.busy}
        onConfirm={form.confirm}
        onCancel={form.cancelConfirm}
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
