import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { bulkApi, type BulkAction, type BulkFilter, type BulkPlan, type BulkRequest } from '../../../api/bulk';
import { Button } from '../../../components/Button';
import { SelectField } from '../../../components/Field';
import { useSession } from '../../../lib/session';
import { ConfirmAction } from '../forms/ConfirmAction';
import { DeskForm } from '../forms/DeskForm';
import { useConfirmedAction } from '../forms/useConfirmedAction';
import { useDeskForm } from '../forms/useDeskForm';
import { roleAtLeast } from '../permissions';
import { bulkKeys } from '../queries/jobs';
import { useCatalog } from '../useCatalog';
import { BULK_ACTIONS, bulkActionInfo, classLabel, CLASSES, contactsText, filterWords, willHappen } from './bulkText';
import { DryRunResult } from './DryRunResult';
import { CatalogOptions } from '../CatalogOptions';

const FIELDS = ['action', 'offer_id', 'community_id', 'filter', 'contact_ids'] as const;

interface Props {
  /** The contacts list's filters (search, offer, community, status). */
  filter: BulkFilter;
  /** How many contacts the list shows for them, and whether that is all of them. */
  listed: { count: number; complete: boolean };
  /** The rows ticked in the list. */
  selectedIds: string[];
}

/** "Bulk action…": choose an action and who, dry-run it, then run it as a background job. */
export function BulkPanel({ filter, listed, selectedIds }: Props) {
  const { session } = useSession();
  const isAdmin = roleAtLeast(session.contact?.role, 'admin');
  const navigate = useNavigate();
  const catalog = useCatalog();
  const [action, setAction] = useState<BulkAction | ''>('');
  const [offerId, setOfferId] = useState(filter.offer_id ?? '');
  const [communityId, setCommunityId] = useState(filter.community_id ?? '');
  const [target, setTarget] = useState<'selected' | 'filter'>(selectedIds.length > 0 ? 'selected' : 'filter');
  const [plan, setPlan] = useState<{ key: string; plan: BulkPlan } | null>(null);

  const anyTicked = selectedIds.length > 0;

  // Follow the list: its offer or community filter is the likely choice, and ticking rows
  // means "these".
  useEffect(() => {
    if (filter.offer_id) setOfferId(filter.offer_id);
  }, [filter.offer_id]);
  useEffect(() => {
    if (filter.community_id) setCommunityId(filter.community_id);
  }, [filter.community_id]);
  useEffect(() => setTarget(anyTicked ? 'selected' : 'filter'), [anyTicked]);

  const info = action ? bulkActionInfo(action) : undefined;
  const who = target === 'selected' && selectedIds.length > 0 ? 'selected' : 'filter';
  const req: BulkRequest | null = action
    ? {
        action,
        ...(info?.needs === 'offer' ? { offer_id: offerId } : {}),
        ...(info?.needs === 'community' ? { community_id: communityId } : {}),
        ...(who === 'selected' ? { contact_ids: selectedIds } : { filter: compact(filter) }),
      }
    : null;
  const key = JSON.stringify(req);
  const current = plan?.key === key ? plan.plan : null; // a dry run for other choices is stale
  const willAct = current?.counts.will_act ?? 0;
  const offerName = catalog.offers.find((o) => o.id === offerId)?.name ?? 'the offer';
  const communityName = catalog.communities.find((c) => c.id === communityId)?.name ?? 'the community';
  const filtered = Boolean(filter.q || filter.offer_id || filter.community_id || filter.status);
  const matchingText = current && who === 'filter' ? current.total.toLocaleString() : `${listed.count}${listed.complete ? '' : '+'}`;

  const form = useDeskForm({
    fields: FIELDS,
    validate: () => {
      if (!action) return { action: 'Choose what to do.' };
      if (info?.needs === 'offer' && !offerId) return { offer_id: 'Choose the offer.' };
      if (info?.needs === 'community' && !communityId) return { community_id: 'Choose the community.' };
      return {};
    },
    // A dry run changes nothing: it counts who the action would reach.
    submit: () => bulkApi.dryRun(req as BulkRequest),
    onSaved: (counted) => setPlan({ key, plan: counted }),
  });
  const run = useConfirmedAction({
    run: (r: BulkRequest) => bulkApi.start(r),
    invalidates: [bulkKeys.list],
    onDone: (op) => void navigate(`/admin/bulk/${encodeURIComponent(op.id)}`),
  });

  const danger = action === 'revoke_offer' || action === 'sign_out';
  const skipped = current ? CLASSES.filter((c) => c !== 'will_act' && (current.counts[c] ?? 0) > 0) : [];

  return (
    <section id="bulk-panel" className="card section-card bulk-panel" aria-labelledby="bulk-title">
      <h2 id="bulk-title">Bulk action</h2>
      <DeskForm form={form}>
        <div className="form-row">
          <SelectField label="Action" name="action" value={action} onValueChange={(v) => setAction(v as BulkAction | '')} error={form.fields.action}>
            <option value="">Choose an action</option>
            {BULK_ACTIONS.filter((a) => isAdmin || !a.adminOnly).map((a) => (
              <option key={a.action} value={a.action}>
                {a.label}
              </option>
            ))}
          </SelectField>
          {info?.needs === 'offer' && (
            <SelectField label="Offer" name="bulk_offer" value={offerId} onValueChange={setOfferId} error={form.fields.offer_id}>
              <option value="">{catalog.loading ? 'Loading offers…' : 'Choose an offer'}</option>
              <CatalogOptions items={catalog.offers.filter((o) => !o.archived || action === 'revoke_offer')} />
            </SelectField>
          )}
          {info?.needs === 'community' && (
            <SelectField label="Community" name="bulk_community" value={communityId} onValueChange={setCommunityId} error={form.fields.community_id}>
              <option value="">{catalog.loading ? 'Loading communities…' : 'Choose a community'}</option>
              <CatalogOptions items={catalog.communities.filter((c) => !c.archived)} />
            </SelectField>
          )}
        </div>
        <fieldset className="fieldset">
          <legend>For whom</legend>
          <div className="radio-stack">
            <label className="radio">
              <input type="radio" name="bulk_target" checked={who === 'selected'} disabled={selectedIds.length === 0} onChange={() => setTarget('selected')} />{' '}
              {selectedIds.length === 0 ? 'Ticked contacts (tick rows in the list below)' : `The ${contactsText(selectedIds.length)} ticked in the list`}
            </label>
            <label className="radio">
              <input type="radio" name="bulk_target" checked={who === 'filter'} onChange={() => setTarget('filter')} />{' '}
              {filtered ? `Everyone matching the current filters (${matchingText})` : `Everyone: no filter is set (${matchingText})`}
            </label>
          </div>
        </fieldset>
        <div className="form-actions">
          <Button type="submit" variant={current ? 'secondary' : 'primary'} busy={form.busy} busyLabel="Counting…">
            {current ? 'Dry run again' : 'Dry run'}
          </Button>
          <span className="muted form-status">A dry run changes nothing: it counts who would be acted on.</span>
        </div>
      </DeskForm>

      <p role="status" className="visually-hidden">
        {current ? `Dry run done: ${contactsText(current.total)} selected, ${willAct.toLocaleString()} would be acted on.` : ''}
      </p>
      {current && info && (
        <div className="dry-run-block">
          <DryRunResult plan={current} action={action} />
          <div className="form-actions">
            <Button variant={danger ? 'danger' : 'primary'} disabled={willAct === 0} onClick={() => req && run.start(req)}>
              {willAct === 0 ? 'Nobody to act on' : `Run for ${contactsText(willAct)}`}
            </Button>
          </div>
        </div>
      )}

      {current && info && req && (
        <ConfirmAction action={run} title={`${info.label} for ${contactsText(willAct)}?`} confirmLabel="Start bulk action" busyLabel="Starting…" danger={danger}>
          <p>
            <strong>Who:</strong> {who === 'selected' ? `the ${contactsText(selectedIds.length)} ticked in the list` : filterWords(filter, catalog.names)} (
            {contactsText(current.total)} in the dry run).
          </p>
          <p>{willHappen(info.action, willAct, offerName, communityName)}</p>
          {skipped.length > 0 && (
            <p>
              Skipped, and listed as such in the report:{' '}
              {skipped.map((c) => `${(current.counts[c] ?? 0).toLocaleString()} ${classLabel(c, info.action).replace(' (skipped)', '').toLowerCase()}`).join('; ')}.
            </p>
          )}
          {who === 'filter' && <p>Who matches the filters is read again when it starts: if contacts changed since the dry run, the report shows what was really done.</p>}
          <p>It runs in the background with a progress bar; you can cancel it, and resume it later.</p>
        </ConfirmAction>
      )}
    </section>
  );
}

function compact(f: BulkFilter): BulkFilter {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v)) as BulkFilter;
}
