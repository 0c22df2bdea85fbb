import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { adminApi, type ContactCommunity } from '../../../api/admin';
import { ErrorAlert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { SelectField } from '../../../components/Field';
import { RemoveFromCommunity } from '../communities/RemoveFromCommunity';
import { Notice } from '../DeskAlerts';
import { DeskForm } from '../forms/DeskForm';
import { useConfirmedAction } from '../forms/useConfirmedAction';
import { useDeskForm } from '../forms/useDeskForm';
import { catalogQueries } from '../queries/catalog';
import { membershipText, type RecordSectionProps } from './record';

/** Communities, and which button does what: one login covers offers and communities. */
export function CommunitiesSection({ contact: c, canAct, isAdmin, onChanged, notice, onNotice }: RecordSectionProps) {
  const groups = c.communities ?? [];
  const remove = useConfirmedAction({
    run: (g: ContactCommunity) => adminApi.removeFromCommunity(c.id, g.id),
    onDone: (_, g) => {
      onNotice(`Removed from ${g.name}.`);
      onChanged();
    },
  });

  return (
    <section className="card section-card record-groups" aria-labelledby="groups-title">
      <h2 id="groups-title">Communities</h2>
      <Notice text={notice} />
      <div className="explain" aria-label="Passwords and welcome emails" role="note">
        <p>
          <strong>One login covers offers and communities.</strong> <em>Change password</em> under Account actions
          {isAdmin ? '' : ' (admins and owners)'} changes the one account password {c.name || 'the member'} uses for all of them.{' '}
          <em>Resend</em> on an offer sends that offer’s welcome email again, with a new link to choose a password.
        </p>
      </div>
      {groups.length === 0 ? (
        <p className="muted">Not in any community.</p>
      ) : (
        <ul className="group-list">
          {groups.map((g) => (
            <li key={g.id}>
              <div>
                <Link to={`/admin/communities/${encodeURIComponent(g.id)}`} className="grant-name">
                  {g.name}
                </Link>
                <p className="grant-meta">{membershipText(g, 'Added directly')}</p>
              </div>
              {canAct && g.direct && (
                <Button variant="quiet" className="btn-small btn-quiet-danger" onClick={() => remove.start(g)}>
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
      <RemoveFromCommunity action={remove} who={c} community={remove.target} via={remove.target?.via_offers} />
    </section>
  );
}

function AddToCommunity({ contactId, direct, onAdded }: { contactId: string; direct: string[]; onAdded: (text: string) => void }) {
  const communities = useQuery(catalogQueries.communities());
  const [communityId, setCommunityId] = useState('');
  const available = (communities.data?.items ?? []).filter((x) => !x.archived && !direct.includes(x.id));
  const chosen = available.find((x) => x.id === communityId);
  const form = useDeskForm({
    fields: ['community_id'],
    validate: () => (chosen ? {} : { community_id: 'Choose a community.' }),
    submit: () => adminApi.addToCommunity(contactId, communityId),
    onSaved: () => {
      setCommunityId('');
      onAdded(`Added to ${chosen?.name}.`);
    },
  });

  if (communities.data && available.length === 0) return null;
  return (
    <div className="subsection">
      <h3>Add to a community</h3>
      {communities.error && <ErrorAlert>Communities could not be loaded: {communities.error.message}</ErrorAlert>}
      <DeskForm form={form} className="form form-row">
        <SelectField label="Community" name="community_id" value={communityId} onValueChange={setCommunityId} error={form.fields.community_id}>
          <option value="">{communities.isPending ? 'Loading communities…' : 'Choose a community'}</option>
          {available.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="secondary" busy={form.busy} busyLabel="Adding…">
          Add to community
        </Button>
      </DeskForm>
    </div>
  );
}
