import { useState, type ReactNode } from 'react';
import { adminApi } from '../../../api/admin';
import { Button } from '../../../components/Button';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { roleLabel } from '../../../lib/roles';
import { Notice } from '../DeskAlerts';
import { ConfirmAction } from '../forms/ConfirmAction';
import { useConfirmedAction } from '../forms/useConfirmedAction';
import { useLinkLifetimes } from '../lifetimes';
import { CopyLinkDialog, type LinkKind } from './CopyLinkDialog';
import { contactWho, reasonText, type RecordSectionProps } from './record';

type Props = RecordSectionProps & { onChangePassword: () => void };

/** The one-click fixes for getting a member back in, each confirmed with exactly what happens. */
export function AccountActions({ contact: c, canAct, isAdmin, self, onChanged, notice, onNotice, onChangePassword }: Props) {
  const done = (text: string) => {
    onNotice(text);
    onChanged();
  };
  const sendReset = useConfirmedAction({
    run: () => adminApi.sendResetLink(c.id),
    onDone: (res) => done(`Password reset link emailed to ${c.email}. It works until ${formatDateTime(res.expires_at)}.`),
  });
  const signOut = useConfirmedAction({
    run: () => adminApi.signOutEverywhere(c.id),
    onDone: (res) => done(res.ended === 1 ? 'Ended 1 session.' : `Ended ${res.ended} sessions.`),
  });
  const unsuppress = useConfirmedAction({
    run: () => adminApi.unsuppress(c.id),
    onDone: () => done(`Email to ${c.email} is allowed again. Resend what they need.`),
  });
  const toggle = useConfirmedAction({
    run: () => (c.disabled ? adminApi.enable(c.id) : adminApi.disable(c.id)),
    onDone: () => done(c.disabled ? 'Account enabled. They can sign in again.' : 'Account disabled. Their sessions and links have ended.'),
  });
  const [copying, setCopying] = useState<LinkKind | null>(null);
  const who = contactWho(c);
  const suppressed = Boolean(c.suppression);
  const lifetimes = useLinkLifetimes();

  if (!canAct) {
    return (
      <section className="card section-card record-actions" aria-labelledby="actions-title">
        <h2 id="actions-title">Account actions</h2>
        <p className="note">
          This is {c.role === 'owner' ? 'an' : 'a'} {roleLabel(c.role)} account, a higher role than yours: only someone with that role or
          above can change it, send it links or sign it out.
        </p>
      </section>
    );
  }

  return (
    <section className="card section-card record-actions" aria-labelledby="actions-title">
      <h2 id="actions-title">Account actions</h2>
      <Notice text={notice} />
      {c.disabled && <p className="note">The account is disabled: enable it before sending or copying links.</p>}
      <ul className="action-list">
        {!c.disabled && (
          <>
            <Action label="Send password reset link" onClick={() => sendReset.start()}>
              Emails {c.email} a link to choose a new password, valid for {lifetimes.staffReset}.
            </Action>
            <Action label="Copy password reset link" onClick={() => setCopying('reset')}>
              A one-time reset link for you to send another way (chat, SMS). Nothing is emailed.
            </Action>
            <Action label="Copy access link" onClick={() => setCopying('access')}>
              A one-time link to set a password, like the welcome email’s, for you to send another way.
            </Action>
          </>
        )}
        {isAdmin ? (
          <Action label="Change password" onClick={onChangePassword}>
            Type one, or generate one that is shown once. Temporary by default.
          </Action>
        ) : (
          <li className="action-note muted">Changing a password needs an admin or the owner; a reset link lets the member choose their own.</li>
        )}
        <Action label="Sign out everywhere" onClick={() => signOut.start()}>
          {c.active_sessions === 0
            ? 'Ends every session on every device (none is active now), and in every app.'
            : `Ends their ${c.active_sessions === 1 ? 'session' : `${c.active_sessions} sessions`} on every device, and in every app.`}
        </Action>
        {isAdmin && suppressed && (
          <Action label="Unsuppress" onClick={() => unsuppress.start()}>
            Lets email reach {c.email} again.
          </Action>
        )}
        {isAdmin && !self && (
          <Action label={c.disabled ? 'Enable account' : 'Disable account'} danger={!c.disabled} onClick={() => toggle.start()}>
            {c.disabled ? 'Lets them sign in again.' : 'Blocks every way in until you enable it again.'}
          </Action>
        )}
      </ul>

      <ConfirmAction action={sendReset} title="Email a password reset link?" confirmLabel="Send reset link" busyLabel="Sending…">
        <p>
          We’ll email <strong>{c.email}</strong> a link to choose a new password. It works once, for {lifetimes.staffReset}, and replaces
          any earlier reset link. Their current password keeps working until they use it.
        </p>
        {suppressed && <p className="dialog-warning">Email to this address is suppressed: this email will not reach them.</p>}
      </ConfirmAction>

      <ConfirmAction action={signOut} title={`Sign ${c.name || c.email} out everywhere?`} confirmLabel="Sign out everywhere" busyLabel="Signing out…">
        <p>
          Every session of <strong>{who}</strong> ends, on every device, and so does every app and protected site they signed in to
          through Gatehouse (apps at their next refresh, protected sites at once). Their password and links keep working: they can sign
          in again straight away. Nothing is emailed.
        </p>
      </ConfirmAction>

      <ConfirmAction action={unsuppress} title={`Allow email to ${c.email} again?`} confirmLabel="Unsuppress address" busyLabel="Unsuppressing…">
        <p>
          Email to this address stopped on {formatDate(c.suppression?.created_at)} because: <strong>{reasonText(c.suppression?.reason)}</strong>.
        </p>
        <p>Unsuppress only when the problem is fixed (a full mailbox emptied, a spam report made by mistake). If it bounces again, it is suppressed again. Nothing is sent now.</p>
      </ConfirmAction>

      <ConfirmAction
        action={toggle}
        title={c.disabled ? `Enable ${c.name || c.email}?` : `Disable ${c.name || c.email}?`}
        confirmLabel={c.disabled ? 'Enable account' : 'Disable account'}
        busyLabel={c.disabled ? 'Enabling…' : 'Disabling…'}
        danger={!c.disabled}
      >
        {c.disabled ? (
          <p>
            <strong>{who}</strong> can sign in again with their password. Links that ended when the account was disabled stay ended: send a
            reset link if they need one. Nothing is emailed.
          </p>
        ) : (
          <p>
            <strong>{who}</strong> can no longer sign in by any way; their sessions and unused links end now and no access emails go out. Their
            offers stay. Nothing is emailed, and you can enable the account again.
          </p>
        )}
      </ConfirmAction>

      <CopyLinkDialog
        kind={copying ?? 'reset'}
        open={copying !== null}
        contact={c}
        onClose={(copied) => {
          setCopying(null);
          if (copied) done(copied);
        }}
      />
    </section>
  );
}

function Action({ label, onClick, danger, children }: { label: string; onClick: () => void; danger?: boolean; children: ReactNode }) {
  return (
    <li className="action-item">
      <Button variant={danger ? 'danger' : 'secondary'} className="btn-small" onClick={onClick}>
        {label}
      </Button>
      <span className="action-desc">{children}</span>
    </li>
  );
}
