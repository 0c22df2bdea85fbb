import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { adminApi, type ContactCommunity } from '../../../api/admin';
import { catalogApi } from '../../../api/catalog';
import { ErrorAlert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { SelectField } from '../../../components/Field';
import { useFormErrors } from '../../../lib/useFormErrors';
import { useResource } from '../../../lib/useResource';
import { deskError, Notice } from '../DeskAlerts';
import { useDeskAction } from '../useDeskAction';
import { contactWho, type RecordSectionProps } from './record';

type Props = RecordSectionProps & { onChangePassword: () => void };

function how(g: ContactCommunity): string {
  const via = g.via_offers ?? [];
  if (g.direct && via.length) return `Added directly, and via ${via.join(', ')}`;
  if (g.direct) return 'Added directly';
  return via.length ? `Via ${via.join(', ')}` : 'Via an offer';
}

/** Community groups, and which button does what: one login covers offers and communities. */
export function CommunitiesSection({ contact: c, canAct, isAdmin, onChanged, notice, onNotice, onChangePassword }: Props) {
  const groups = c.communities ?? [];
  const [target, setTarget] = useState<ContactCommunity | null>(null);
  const remove = useDeskAction();
  const who = contactWho(c);

  return (
    <section className="card section-card record-groups" aria-labelledby="groups-title">
      <h2 id="groups-title">Community groups</h2>
      <Notice text={notice} />
      <div className="explain" aria-label="Passwords and welcome emails" role="note">
        <p>
          <strong>One login covers offers and communities.</strong> <em>Change password</em>
          {isAdmin ? ' here' : ' (admins and owners)'} changes the one account password {c.name || 'the member'} uses for all of them.{' '}
          <em>Resend</em> on an offer sends that offer’s welcome email again, with a new link to choose a password.
        </p>
        {canAct && isAdmin && (
          <Button variant="secondary" className="btn-small" onClick={onChangePassword}>
            Change password
          </Button>
        )}
      </div>
      {groups.length === 0 ? (
        <p className="muted">Not in any community group.</p>
      ) : (
        <ul className="group-list">
          {groups.map((g) => (
            <li key={g.id}>
              <div>
                <Link to={`/admin/communities/${encodeURIComponent(g.id)}`} className="grant-name">
                  {g.name}
                </Link>
                <p className="grant-meta">{how(g)}</p>
              </div>
              {canAct && g.direct && (
                <Button
                  variant="quiet"
                  className="btn-small btn-quiet-danger"
                  onClick={() => {
                    setTarget(g);
                    remove.start();
                  }}
                >
                  Remove<span className="visually-hidden"> from {g.name}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canAct && (
        <AddToCommunity
          contactId={c.id}
          direct={groups.filter((g) => g.direct).map((g) => g.id)}
          onAdded={(t) => {
            onNotice(t);
            onChanged();
          }}
        />
      )}
      <ConfirmDialog
        open={remove.open}
        title={`Remove from ${target?.name ?? 'the community'}?`}
        confirmLabel="Remove from community"
        busyLabel="Removing…"
        danger
        busy={remove.busy}
        error={remove.error}
        onCancel={remove.cancel}
        onConfirm={() =>
          target &&
          remove.run(async () => {
            await adminApi.removeFromCommunity(c.id, target.id);
            onNotice(`Removed from ${target.name}.`);
            onChanged();
          })
        }
      >
        <p>
          <strong>{who}</strong> stops being a direct member of <strong>{target?.name}</strong>.{' '}
          {target?.via_offers?.length ? `They stay in it through ${target.via_offers.join(', ')}.` : 'They lose access to it.'} Nothing is
          emailed.
        </p>
      </ConfirmDialog>
    </section>
  );
}

function AddToCommunity({ contactId, direct, onAdded }: { contactId: string; direct: string[]; onAdded: (text: string) => void }) {
  const communities = useResource((signal) => catalogApi.communities({}, signal), []);
  const [communityId, setCommunityId] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(['community_id']);
  const available = (communities.data?.items ?? []).filter((x) => !x.archived && !direct.includes(x.id));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    errors.clear();
    const chosen = available.find((x) => x.id === communityId);
    if (!chosen) return errors.invalid({ community_id: 'Choose a community.' });
    setBusy(true);
    try {
      await adminApi.addToCommunity(contactId, chosen.id);
      setCommunityId('');
      onAdded(`Added to ${chosen.name}.`);
    } catch (err) {
      errors.fail(deskError(err));
    } finally {
      setBusy(false);
    }
  }

  if (communities.data && available.length === 0) return null;
  return (
    <div className="subsection">
      <h3>Add to a community</h3>
      {communities.error && <ErrorAlert>Communities could not be loaded: {communities.error.message}</ErrorAlert>}
      {errors.message && <ErrorAlert>{errors.message}</ErrorAlert>}
      <form ref={errors.formRef} onSubmit={onSubmit} noValidate className="form form-row">
        <SelectField label="Community" name="community_id" value={communityId} onValueChange={setCommunityId} error={errors.fields.community_id}>
          <option value="">{communities.loading ? 'Loading communities…' : 'Choose a community'}</option>
          {available.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="secondary" busy={busy} busyLabel="Adding…">
          Add to community
        </Button>
      </form>
    </div>
  );
}
