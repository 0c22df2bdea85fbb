import { useEffect, useState } from 'react';
import { adminApi, type ContactDetail, type CopiedLink } from '../../../api/admin';
import { SelectField } from '../../../components/Field';
import { formatDateTime } from '../../../lib/dates';
import { DeskForm } from '../forms/DeskForm';
import { FormDialog } from '../forms/FormDialog';
import { useDeskForm } from '../forms/useDeskForm';
import { formatMinutes, LINK_LIFETIMES } from '../lifetimes';
import { OneTimeSecret } from '../OneTimeSecret';
import { contactWho } from './record';

export type LinkKind = 'reset' | 'access';

const FORM_ID = 'copy-link-form';

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
  const [link, setLink] = useState<CopiedLink | null>(null);
  const form = useDeskForm({
    fields: ['ttl_minutes'],
    submit: () => (kind === 'reset' ? adminApi.copyResetLink(c.id, Number(minutes)) : adminApi.copyAccessLink(c.id, Number(minutes))),
    onSaved: (created) => setLink(created),
  });
  const { reset, busy } = form;

  useEffect(() => {
    if (!open) return;
    setMinutes(String(TEXT[kind].defaultMinutes));
    setLink(null);
    reset();
  }, [open, kind, reset]);

  const close = () => {
    if (busy) return;
    onClose(link ? `${kind === 'reset' ? 'Reset' : 'Access'} link created for ${c.email}; it works until ${formatDateTime(link.expires_at)}.` : null);
  };

  return (
    <FormDialog
      open={open}
      title={link ? 'Copy the link now' : text.title}
      form={form}
      formId={FORM_ID}
      submit="Create link"
      busyLabel="Creating…"
      onClose={close}
      done={link !== null}
    >
      {link ? (
        <OneTimeSecret
          label="Link"
          value={link.url}
          mono
          warning={`Shown only once: copy it now. Until ${formatDateTime(link.expires_at)}, anyone with this link can set the password of ${contactWho(c)}, so send it only to them.`}
        />
      ) : (
        <DeskForm form={form} id={FORM_ID}>
          <p>
            Creates {text.what} for <strong>{contactWho(c)}</strong>. You send it yourself; nothing is emailed. {text.replaces}
          </p>
          <SelectField label="Link works for" name="ttl_minutes" value={minutes} onValueChange={setMinutes} error={form.fields.ttl_minutes}>
            {LINK_LIFETIMES.map((l) => (
              <option key={l.minutes} value={String(l.minutes)}>
                {l.label}
              </option>
            ))}
          </SelectField>
          <p className="muted">After {formatMinutes(Number(minutes))} it stops working; it also stops once used.</p>
        </DeskForm>
      )}
    </FormDialog>
  );
}
