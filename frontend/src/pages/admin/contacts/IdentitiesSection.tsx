import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { adminApi, type Identity } from '../../../api/admin';
import { Button } from '../../../components/Button';
import { formatDateTime, formatRelative } from '../../../lib/dates';
import { Notice } from '../DeskAlerts';
import { ConfirmAction } from '../forms/ConfirmAction';
import { useConfirmedAction } from '../forms/useConfirmedAction';
import { ListStatus, listState } from '../ListStatus';
import { contactQueries } from '../queries/contacts';
import { contactWho, type RecordSectionProps } from './record';

/**
 * The provider accounts (Google, GitHub…) a contact signs in with. Admins can unlink one, say
 * an account the member connected by mistake; the member keeps every other way in.
 */
export function IdentitiesSection({ contact: c, canAct, isAdmin, onChanged }: Pick<RecordSectionProps, 'contact' | 'canAct' | 'isAdmin' | 'onChanged'>) {
  const query = contactQueries.identities(c.id);
  const identities = useQuery(query);
  const client = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const unlink = useConfirmedAction({
    run: (i: Identity) => adminApi.unlinkIdentity(c.id, i.id),
    onDone: (_, i) => {
      client.setQueryData(query.queryKey, (d) => (d ? { identities: d.identities.filter((x) => x.id !== i.id) } : d));
      setNotice(`${i.label} unlinked from ${contactWho(c)}.`);
      onChanged();
    },
  });
  const items = identities.data?.identities ?? [];
  const target = unlink.target;

  return (
    <section className="card section-card" aria-labelledby="identities-title">
      <h2 id="identities-title">Sign-in providers</h2>
      <Notice text={notice} />
      <ListStatus state={listState(identities)} count={items.length} loading="Loading sign-in providers…" empty={<p className="muted">Signs in with email and password only.</p>} />
      {items.length > 0 && (
        <ul className="method-list">
          {items.map((i) => (
            <li key={i.id} className="method-item">
              <div>
                <p className="grant-name">{i.label}</p>
                <p className="grant-meta">
                  {i.email || 'no email from the provider'} · connected {formatDateTime(i.created_at)}
                  {i.last_used_at && (
                    <>
                      {' '}
                      · last used <time dateTime={i.last_used_at}>{formatRelative(i.last_used_at)}</time>
                    </>
                  )}
                </p>
              </div>
              {canAct && isAdmin && (
                <Button variant="quiet" className="btn-small btn-quiet-danger" onClick={() => unlink.start(i)}>
                  Unlink <span className="visually-hidden">{i.label}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmAction action={unlink} title={`Unlink ${target?.label ?? ''}?`} confirmLabel="Unlink" busyLabel="Unlinking…" danger>
        <p>
          {contactWho(c)} will no longer be able to sign in with the {target?.label} account {target?.email ? `(${target.email})` : ''}. Their
          password and other providers keep working; they can connect it again from their account page. This is recorded in the audit log.
        </p>
      </ConfirmAction>
    </section>
  );
}
