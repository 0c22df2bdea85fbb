import { adminApi, type Grant } from '../../../api/admin';
import { Button } from '../../../components/Button';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { Badge, EmailStatusBadge } from '../Badges';
import { Notice } from '../DeskAlerts';
import { ConfirmAction } from '../forms/ConfirmAction';
import { useConfirmedAction } from '../forms/useConfirmedAction';
import { useLinkLifetimes } from '../lifetimes';
import { GrantOfferForm } from './GrantOfferForm';
import { contactWho, type RecordSectionProps } from './record';

const PROBLEM = new Set(['failed', 'bounced', 'complained', 'suppressed', 'delivery_delayed']);

/** The offers tab: each grant with its latest welcome email, Resend and Revoke, and the grant form. */
export function OffersSection(props: RecordSectionProps) {
  const { contact: c, canAct, isAdmin, onChanged, notice, onNotice } = props;
  const resend = useConfirmedAction({
    run: (g: Grant) => adminApi.resendWelcome(c.id, g.offer_id),
    onDone: (res, g) => {
      onNotice(
        res.deduplicated
          ? `A ${g.offer_name} welcome email to ${c.email} was queued moments ago, so no second one was sent: its link is the current one.`
          : `The ${g.offer_name} welcome email to ${c.email} is queued with a new link; the previous link no longer works. Follow its delivery under Emails.`,
      );
      onChanged();
    },
  });
  const revoke = useConfirmedAction({
    run: (g: Grant) => adminApi.revokeOffer(c.id, g.offer_id),
    onDone: (_, g) => {
      onNotice(`Revoked ${g.offer_name}. Nothing was emailed.`);
      onChanged();
    },
  });
  const who = contactWho(c);
  const lifetimes = useLinkLifetimes();

  return (
    <section className="card section-card record-offers" aria-labelledby="offers-title">
      <h2 id="offers-title">Offers</h2>
      <Notice text={notice} />
      {c.offers.length === 0 ? (
        <p className="muted">No offers granted yet.</p>
      ) : (
        <ul className="grant-list">
          {c.offers.map((g) => (
            <li key={g.offer_id}>
              <div className="grant-main">
                <p className="grant-name">
                  {g.offer_name}
                  {g.archived && <Badge>Archived</Badge>}
                </p>
                <p className="grant-meta">
                  Granted <time dateTime={g.granted_at}>{formatDate(g.granted_at)}</time>
                </p>
                <WelcomeLine grant={g} />
              </div>
              {canAct && (
                <div className="grant-actions">
                  {!c.disabled && (
                    <Button variant="secondary" className="btn-small" onClick={() => resend.start(g)}>
                      Resend<span className="visually-hidden"> the {g.offer_name} welcome email</span>
                    </Button>
                  )}
                  {isAdmin && (
                    <Button variant="quiet" className="btn-small btn-quiet-danger" onClick={() => revoke.start(g)}>
                      Revoke<span className="visually-hidden"> {g.offer_name}</span>
                    </Button>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {canAct && (
        <GrantOfferForm
          contact={c}
          onGranted={(message) => {
            onNotice(message);
            onChanged();
          }}
        />
      )}

      <ConfirmAction
        action={resend}
        title={resend.target ? `Resend the ${resend.target.offer_name} welcome email?` : 'Resend a welcome email?'}
        confirmLabel="Resend email"
        busyLabel="Sending…"
      >
        <p>
          Send the {resend.target?.offer_name} welcome email to {c.email} again, with a new link to choose a password. The previous link stops
          working. The new one works for {lifetimes.welcome}.
        </p>
        {c.suppression && <p className="dialog-warning">Email to this address is suppressed: this email will not reach them.</p>}
      </ConfirmAction>
      <ConfirmAction action={revoke} title={`Revoke ${revoke.target?.offer_name ?? 'this offer'}?`} confirmLabel="Revoke offer" busyLabel="Revoking…" danger>
        <p>
          <strong>{who}</strong> loses access to <strong>{revoke.target?.offer_name}</strong> and to communities that come only with it. Nothing
          is emailed to them. You can grant it again later.
        </p>
      </ConfirmAction>
    </section>
  );
}

function WelcomeLine({ grant: g }: { grant: Grant }) {
  const e = g.welcome_email;
  if (!e) return <p className="grant-meta">No welcome email sent for this offer.</p>;
  return (
    <p className="grant-meta grant-welcome">
      <span>Welcome email:</span> <EmailStatusBadge status={e.status} />{' '}
      <time dateTime={e.created_at} className="muted">
        {formatDateTime(e.created_at)}
      </time>
      {e.status_reason && PROBLEM.has(e.status) && <span className="email-reason"> {e.status_reason}</span>}
    </p>
  );
}
