import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { catalogApi, type Offer } from '../../../api/catalog';
import { Button } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { formatDate } from '../../../lib/dates';
import { useSession } from '../../../lib/session';
import { Badge } from '../Badges';
import { Notice } from '../DeskAlerts';
import { ConfirmAction } from '../forms/ConfirmAction';
import { DeskForm } from '../forms/DeskForm';
import { FormActions } from '../forms/FormActions';
import { useConfirmedAction } from '../forms/useConfirmedAction';
import { useDeskForm } from '../forms/useDeskForm';
import { roleAtLeast } from '../permissions';
import { catalogQueries, offerKeys } from '../queries/catalog';
import { Breadcrumb, RecordPending } from '../RecordPending';
import { OfferFields } from './OfferFields';
import { draftFrom, draftInput, draftProblems, isDraftDirty, OFFER_FIELDS, type OfferDraft } from './offerDraft';
import { WelcomePreview } from './WelcomePreview';

const BACK = { to: '/admin/offers', label: 'Offers' };

/** One offer: edit it (admin and owner; support reads), preview its welcome email, archive it. */
export function OfferPage() {
  const { id = '' } = useParams();
  const offer = useQuery(catalogQueries.offer(id));
  if (!offer.data) return <RecordPending query={offer} back={BACK} title="Offer" notFound="Offer not found" loading="Loading the offer…" />;
  // Keyed by the offer: its draft is taken from the server once, so a later answer (the reload
  // after archiving) leaves edits in progress alone.
  return <OfferEditor key={offer.data.id} offer={offer.data} />;
}

function OfferEditor({ offer: o }: { offer: Offer }) {
  const { session } = useSession();
  const canEdit = roleAtLeast(session.contact?.role, 'admin');
  const client = useQueryClient();
  // The member count comes with the list (a single offer's answer does not carry it).
  const list = useQuery(catalogQueries.offers(true));
  const members = list.data?.items.find((x) => x.id === o.id)?.members;
  const [draft, setDraft] = useState<OfferDraft>(() => draftFrom(o));
  const [notice, setNotice] = useState<string | null>(null);
  const form = useDeskForm({
    fields: OFFER_FIELDS,
    dirty: isDraftDirty(draft, draftFrom(o)),
    validate: () => draftProblems(draft),
    submit: () => catalogApi.updateOffer(o.id, draftInput(draft)),
    invalidates: [['offers', 'list']],
    onSaved: (saved) => {
      client.setQueryData(catalogQueries.offer(o.id).queryKey, saved);
      return 'Saved. New welcome emails use these words; emails already sent are not changed.';
    },
  });
  const archive = useConfirmedAction({
    run: (archived: boolean) => (archived ? catalogApi.restoreOffer(o.id) : catalogApi.archiveOffer(o.id)),
    invalidates: [offerKeys.all],
    onDone: (_, archived) => setNotice(archived ? `${o.name} is restored: it can be granted again.` : `${o.name} is archived.`),
  });

  return (
    <div className="page page-wide">
      <Breadcrumb {...BACK} />
      <div className="page-head">
        <PageHeading title={o.name}>
          {o.name} {o.archived && <Badge>Archived</Badge>}
        </PageHeading>
        {/* Save is the page's main button; archiving is a rarer, confirmed step that must not look like it. */}
        {canEdit && (
          <Button variant="secondary" className={o.archived ? undefined : 'btn-danger-outline'} onClick={() => archive.start(o.archived)}>
            {o.archived ? 'Restore offer…' : 'Archive offer…'}
          </Button>
        )}
      </div>
      <p className="muted">
        {members !== undefined && (members === 1 ? '1 member holds it. ' : `${members} members hold it. `)}
        Created {formatDate(o.created_at)}.{' '}
        <Link to={`/admin/contacts?offer_id=${encodeURIComponent(o.id)}`}>See its members</Link>
      </p>
      <Notice text={notice} />
      <div className="editor-grid">
        <section className="card section-card" aria-labelledby="offer-form-title">
          <h2 id="offer-form-title">{canEdit ? 'Edit offer' : 'Offer details'}</h2>
          {!canEdit && <p className="note">Offers are edited by admins and owners; you can read them and preview the welcome email.</p>}
          <DeskForm form={form}>
            <fieldset disabled={!canEdit} className="fieldset-plain form">
              <OfferFields draft={draft} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} errors={form.fields} readOnly={!canEdit} />
            </fieldset>
            {canEdit && (
              <FormActions form={form} submit="Save offer" busyLabel="Saving…">
                <Button
                  variant="secondary"
                  onClick={() => {
                    setDraft(draftFrom(o));
                    form.reset();
                  }}
                >
                  Discard changes
                </Button>
              </FormActions>
            )}
          </DeskForm>
        </section>
        <WelcomePreview offerId={o.id} name={draft.name} description={draft.description} subject={draft.welcome_subject} body={draft.welcome_body} />
      </div>
      <ConfirmAction
        action={archive}
        title={o.archived ? `Restore ${o.name}?` : `Archive ${o.name}?`}
        confirmLabel={o.archived ? 'Restore offer' : 'Archive offer'}
        busyLabel={o.archived ? 'Restoring…' : 'Archiving…'}
        danger={!o.archived}
      >
        {o.archived ? (
          <p>It shows in the offers list again and staff can grant it. Nothing is emailed.</p>
        ) : (
          <p>
            Nobody can be granted it while it is archived, and it leaves the offers list. Members who hold it keep it, but the communities
            it includes stop counting for them. Nothing is emailed, and you can restore it at any time.
          </p>
        )}
      </ConfirmAction>
    </div>
  );
}
