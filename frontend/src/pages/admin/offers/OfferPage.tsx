import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { catalogApi, type Offer } from '../../../api/catalog';
import { ErrorAlert, Loading } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { PageHeading } from '../../../components/PageHeading';
import { formatDate } from '../../../lib/dates';
import { useSession } from '../../../lib/session';
import { useFormErrors } from '../../../lib/useFormErrors';
import { useResource } from '../../../lib/useResource';
import { useServerDraft } from '../../../lib/useServerDraft';
import { Badge } from '../Badges';
import { deskError, DeskErrorAlert, Notice } from '../DeskAlerts';
import { roleAtLeast } from '../permissions';
import { useDeskAction } from '../useDeskAction';
import { OfferFields } from './OfferFields';
import { draftFrom, draftInput, draftProblems, OFFER_FIELDS, type OfferDraft } from './offerDraft';
import { WelcomePreview } from './WelcomePreview';

/** One offer: edit it (admin and owner; support reads), preview its welcome email, archive it. */
export function OfferPage() {
  const { id = '' } = useParams();
  const { session } = useSession();
  const canEdit = roleAtLeast(session.contact?.role, 'admin');
  const offer = useResource((signal) => catalogApi.offer(id, signal), [id]);
  // The member count comes with the list (a single offer's answer does not carry it).
  const list = useResource((signal) => catalogApi.offers({ archived: true }, signal), [id]);
  const members = list.data?.items.find((x) => x.id === id)?.members;
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const errors = useFormErrors(OFFER_FIELDS);
  const archive = useDeskAction();
  const o = offer.data;
  // Taken once per offer: the reload after archiving must not throw away edits in progress.
  const [draft, setDraft] = useServerDraft<Offer, OfferDraft>(o, (x) => x.id, draftFrom);

  if (!o || !draft) {
    return (
      <div className="page page-wide">
        <p className="breadcrumb">
          <Link to="/admin/offers">Offers</Link>
        </p>
        <PageHeading title={offer.error?.status === 404 ? 'Offer not found' : 'Offer'} />
        {offer.loading && <Loading label="Loading the offer…" />}
        {offer.error && <DeskErrorAlert error={offer.error} onRetry={offer.reload} />}
      </div>
    );
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy || !draft) return;
    errors.clear();
    setNotice(null);
    const problems = draftProblems(draft);
    if (Object.keys(problems).length) return errors.invalid(problems);
    setBusy(true);
    try {
      const saved = await catalogApi.updateOffer(id, draftInput(draft));
      offer.setData(() => saved);
      setNotice('Saved. New welcome emails use these words; emails already sent are not changed.');
    } catch (err) {
      errors.fail(deskError(err));
    } finally {
      setBusy(false);
    }
  }

  const toggleArchive = () =>
    archive.run(async () => {
      if (o.archived) await catalogApi.restoreOffer(id);
      else await catalogApi.archiveOffer(id);
      setNotice(o.archived ? `${o.name} is restored: it can be granted again.` : `${o.name} is archived.`);
      offer.reload();
    });

  return (
    <div className="page page-wide">
      <p className="breadcrumb">
        <Link to="/admin/offers">Offers</Link>
      </p>
      <div className="page-head">
        <PageHeading title={o.name}>
          {o.name} {o.archived && <Badge>Archived</Badge>}
        </PageHeading>
        {canEdit && (
          <Button variant={o.archived ? 'secondary' : 'danger'} onClick={archive.start}>
            {o.archived ? 'Restore offer' : 'Archive offer'}
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
          {errors.message && <ErrorAlert>{errors.message}</ErrorAlert>}
          <form ref={errors.formRef} onSubmit={onSubmit} noValidate className="form">
            <fieldset disabled={!canEdit} className="fieldset-plain form">
              <OfferFields
                draft={draft}
                onChange={(patch) => setDraft((d) => (d ? { ...d, ...patch } : d))}
                errors={errors.fields}
                readOnly={!canEdit}
              />
            </fieldset>
            {canEdit && (
              <div className="form-actions">
                <Button type="submit" busy={busy} busyLabel="Saving…">
                  Save offer
                </Button>
                <Button
                  variant="secondary"
                  onClick={() => {
                    setDraft(draftFrom(o));
                    errors.clear();
                  }}
                >
                  Discard changes
                </Button>
              </div>
            )}
          </form>
        </section>
        <WelcomePreview offerId={o.id} name={draft.name} description={draft.description} subject={draft.welcome_subject} body={draft.welcome_body} />
      </div>
      <ConfirmDialog
        open={archive.open}
        title={o.archived ? `Restore ${o.name}?` : `Archive ${o.name}?`}
        confirmLabel={o.archived ? 'Restore offer' : 'Archive offer'}
        busyLabel={o.archived ? 'Restoring…' : 'Archiving…'}
        danger={!o.archived}
        busy={archive.busy}
        error={archive.error}
        onCancel={archive.cancel}
        onConfirm={toggleArchive}
      >
        {o.archived ? (
          <p>It shows in the offers list again and staff can grant it. Nothing is emailed.</p>
        ) : (
          <p>
            Nobody can be granted it while it is archived, and it leaves the offers list. Members who hold it keep it, but the communities
            it includes stop counting for them. Nothing is emailed, and you can restore it at any time.
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
