import { useState } from 'react';
import { adminApi, type Identity } from '../../../api/admin';
import { Loading } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { formatDateTime, formatRelative } from '../../../lib/dates';
import { useResource } from '../../../lib/useResource';
import { DeskErrorAlert, Notice } from '../DeskAlerts';
import { useDeskAction } from '../useDeskAction';
import { contactWho, type RecordSectionProps } from './record';

/**
 * The provider accounts (Google, GitHub…) a contact signs in with. Admins can unlink one, say
 * an account the member connected by mistake; the member keeps every other way in.
 */
export function IdentitiesSection({ contact: c, canAct, isAdmin, onChanged }: Pick<RecordSectionProps, 'contact' | 'canAct' | 'isAdmin' | 'onChanged'>) {
  const identities = useResource((signal) => adminApi.identities(c.id, signal), [c.id]);
  const [target, setTarget] = useState<Identity | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const unlink = useDeskAction();
  const items = identities.data?.identities ?? [];

  return (
    <section className="card section-card" aria-labelledby="identities-title">
      <h2 id="identities-title">Sign-in providers</h2>
      <Notice text={notice} />
      {identities.loading && !identities.data && <Loading label="Loading sign-in providers…" />}
      {identities.error && <DeskErrorAlert error={identities.error} onRetry={identities.reload} />}
      {identities.data && items.length === 0 && <p className="muted">Signs in with email and password only.</p>}
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
                <Button
                  variant="quiet"
                  className="btn-small btn-quiet-danger"
                  onClick={() => {
                    setTarget(i);
                    unlink.start();
                  }}
                >
                  Unlink <span className="visually-hidden">{i.label}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={unlink.open}
        title={`Unlink ${target?.label ?? ''}?`}
        confirmLabel="Unlink"
        busyLabel="Unlinking…"
        danger
        busy={unlink.busy}
        error={unlink.error}
        onConfirm={() =>
          unlink.run(async () => {
            if (!target) return;
            await adminApi.unlinkIdentity(c.id, target.id);
            identities.setData((d) => (d ? { identities: d.identities.filter((x) => x.id !== target.id) } : d));
            setNotice(`${target.label} unlinked from ${contactWho(c)}.`);
            onChanged();
          })
        }
        onCancel={unlink.cancel}
      >
        <p>
          {contactWho(c)} will no longer be able to sign in with the {target?.label} account {target?.email ? `(${target.email})` : ''}. Their
          password and other providers keep working; they can connect it again from their account page. This is recorded in the audit log.
        </p>
      </ConfirmDialog>
    </section>
  );
}
