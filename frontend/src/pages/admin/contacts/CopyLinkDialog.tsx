import { useEffect, useState } from 'react';
import { adminApi, type ContactDetail, type CopiedLink } from '../../../api/admin';
import { toApiError } from '../../../api/client';
import { Button } from '../../../components/Button';
import { Dialog } from '../../../components/Dialog';
import { SelectField } from '../../../components/Field';
import { formatDateTime } from '../../../lib/dates';
import { deskErrorText } from '../DeskAlerts';
import { formatMinutes, LINK_LIFETIMES } from '../lifetimes';
import { OneTimeSecret } from '../OneTimeSecret';
import { contactWho } from './record';

export type LinkKind = 'reset' | 'access';

const TEXT: Record<LinkKind, { title: string; what: string; replaces: string; defaultMinutes: number }> = {
  reset: {
    title: 'Copy a password reset link',
    what: 'a one-time link to choose a new password',
    replaces: 'It replaces any earlier reset link. Their current password keeps working until they use it.',
    defaultMinutes: 60,
  },
  access: {
    title: 'Copy an access link',
    what: 'a one-time link to set a password, like the one in the welcome email',
    replaces: 'It replaces any earlier access link copied for them.',
    defaultMinutes: 3 * 24 * 60,
  },
};

/** Creates a link for staff to send by any channel; the URL is shown once, then never again. */
export function CopyLinkDialog({
  kind,
  open,
  contact: c,
  onClose,
}: {
  kind: LinkKind;
  open: boolean;
  contact: ContactDetail;
  /** With a message for the record when a link was created. */
  onClose: (created: string | null) => void;
}) {
  const text = TEXT[kind];
  const [minutes, setMinutes] = useState(String(text.defaultMinutes));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<CopiedLink | null>(null);

  useEffect(() => {
    if (!open) return;
    setMinutes(String(TEXT[kind].defaultMinutes));
    setError(null);
    setLink(null);
  }, [open, kind]);

  async function create() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const ttl = Number(minutes);
      setLink(kind === 'reset' ? await adminApi.copyResetLink(c.id, ttl) : await adminApi.copyAccessLink(c.id, ttl));
    } catch (err) {
      setError(toApiError(err).fields.ttl_minutes ?? deskErrorText(err));
    } finally {
      setBusy(false);
    }
  }

  const close = () => {
    if (busy) return;
    onClose(link ? `${kind === 'reset' ? 'Reset' : 'Access'} link created for ${c.email}; it works until ${formatDateTime(link.expires_at)}.` : null);
  };

  return (
    <Dialog
      open={open}
      title={link ? 'Copy the link now' : text.title}
      onClose={close}
      busy={busy}
      error={error}
      describe={false}
      className="dialog-wide"
      actions={
        link ? (
          <Button onClick={close}>Done</Button>
        ) : (
          <>
            <button type="button" className="btn btn-secondary" onClick={close} disabled={busy}>
              Cancel
            </button>
            <Button busy={busy} busyLabel="Creating…" onClick={create}>
              Create link
            </Button>
          </>
        )
      }
    >
      {link ? (
        <OneTimeSecret
          label="Link"
          value={link.url}
          mono
          warning={`Shown only once: copy it now. Until ${formatDateTime(link.expires_at)}, anyone with this link can set the password of ${contactWho(c)}, so send it only to them.`}
        />
      ) : (
        <>
          <p>
            Creates {text.what} for <strong>{contactWho(c)}</strong>. You send it yourself; nothing is emailed. {text.replaces}
          </p>
          <SelectField label="Link works for" name="ttl_minutes" value={minutes} onValueChange={setMinutes}>
            {LINK_LIFETIMES.map((l) => (
              <option key={l.minutes} value={String(l.minutes)}>
                {l.label}
              </option>
            ))}
          </SelectField>
          <p className="muted">After {formatMinutes(Number(minutes))} it stops working; it also stops once used.</p>
        </>
      )}
    </Dialog>
  );
}
