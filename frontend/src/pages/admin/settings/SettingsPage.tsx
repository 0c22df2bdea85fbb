import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { staffAdminApi, type Settings, type SettingsInput } from '../../../api/staffAdmin';
import { Loading } from '../../../components/Alert';
import { CheckboxField, SelectField, TextField } from '../../../components/Field';
import { PageHeading } from '../../../components/PageHeading';
import { toApiError } from '../../../api/client';
import { useSession } from '../../../lib/session';
import { DeskErrorAlert } from '../DeskAlerts';
import { DeskForm } from '../forms/DeskForm';
import { FormActions } from '../forms/FormActions';
import { UrlField } from '../forms/UrlField';
import { useDeskForm } from '../forms/useDeskForm';
import { formatMinutes } from '../lifetimes';
import { staffAdminQueries } from '../queries/staffAdmin';
import { ColorField } from './ColorField';
import { ProvidersList } from './ProvidersList';

const FIELDS = [
  'portal_name',
  'logo_url',
  'primary_color',
  'sender_name',
  'sender_address',
  'support_email',
  'staff_reset_ttl_minutes',
  'welcome_ttl_minutes',
] as const;

const SWITCHES = ['allow_self_signup', 'allow_code_sign_in', 'allow_staff_code_sign_in'] as const;

// 15 minutes to 7 days (the server's bounds).
const LIFETIMES = [15, 30, 60, 2 * 60, 4 * 60, 8 * 60, 12 * 60, 24 * 60, 2 * 24 * 60, 3 * 24 * 60, 5 * 24 * 60, 7 * 24 * 60];

type Draft = Record<(typeof FIELDS)[number], string> & Record<(typeof SWITCHES)[number], boolean>;

function draftOf(s: Settings): Draft {
  return {
    portal_name: s.portal_name,
    logo_url: s.logo_url,
    primary_color: s.primary_color,
    sender_name: s.sender_name,
    sender_address: s.sender_address,
    support_email: s.support_email,
    staff_reset_ttl_minutes: String(s.staff_reset_ttl_minutes),
    welcome_ttl_minutes: String(s.welcome_ttl_minutes),
    allow_self_signup: s.allow_self_signup,
    allow_code_sign_in: s.allow_code_sign_in,
    allow_staff_code_sign_in: s.allow_staff_code_sign_in,
  };
}

function problems(d: Draft): Record<string, string> {
  const p: Record<string, string> = {};
  if (!d.portal_name.trim()) p.portal_name = 'Give the portal a name.';
  if (d.logo_url.trim() && !d.logo_url.trim().startsWith('https://')) p.logo_url = 'Use an https:// address (email clients block others).';
  if (!/^#[0-9a-f]{6}$/i.test(d.primary_color.trim())) p.primary_color = 'Use a colour like #4338ca.';
  return p;
}

/** What is sent: the draft trimmed, numbers as numbers (the providers and fallbacks are read-only). */
function settingsInput(d: Draft): SettingsInput {
  return {
    portal_name: d.portal_name.trim(),
    logo_url: d.logo_url.trim(),
    primary_color: d.primary_color.trim().toLowerCase(),
    sender_name: d.sender_name.trim(),
    sender_address: d.sender_address.trim(),
    support_email: d.support_email.trim(),
    staff_reset_ttl_minutes: Number(d.staff_reset_ttl_minutes),
    welcome_ttl_minutes: Number(d.welcome_ttl_minutes),
    allow_self_signup: d.allow_self_signup,
    allow_code_sign_in: d.allow_code_sign_in,
    allow_staff_code_sign_in: d.allow_staff_code_sign_in,
  };
}

/**
 * What an empty sender name falls back to. The server answers it for the saved settings; when
 * that is the portal's name, it follows the name being typed.
 */
function senderNameFallback(s: Settings, d: Draft): string {
  const fallback = s.sender_name_fallback ?? '';
  return fallback === s.portal_name ? d.portal_name.trim() || fallback : fallback;
}

/** Portal name, brand, sender and link lifetimes (admin and owner). */
export function SettingsPage() {
  const settings = useQuery(staffAdminQueries.settings());
  return (
    <div className="page page-medium">
      <PageHeading title="Settings" />
      {settings.isPending && <Loading label="Loading settings…" />}
      {settings.error && <DeskErrorAlert error={toApiError(settings.error)} onRetry={() => void settings.refetch()} />}
      {/* The draft is taken from the server once: a later read leaves edits in progress alone. */}
      {settings.data && <SettingsForm settings={settings.data} />}
    </div>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  const { refresh, session } = useSession();
  const isOwner = session.contact?.role === 'owner';
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const form = useDeskForm({
    fields: [...FIELDS, ...SWITCHES],
    dirty: JSON.stringify(settingsInput(draft)) !== JSON.stringify(settingsInput(draftOf(settings))),
    validate: () => problems(draft),
    submit: () => staffAdminApi.updateSettings(settingsInput(draft)),
    onSaved: (saved) => {
      client.setQueryData(staffAdminQueries.settings().queryKey, saved);
      setDraft(draftOf(saved));
      void refresh().catch(() => undefined); // the top bar's name, logo and colour
      return 'Settings saved. The portal and new emails use them now.';
    },
  });

  const set = (name: (typeof FIELDS)[number]) => (value: string) => setDraft((d) => ({ ...d, [name]: value }));
  const toggle = (name: (typeof SWITCHES)[number]) => (on: boolean) => setDraft((d) => ({ ...d, [name]: on }));
  /** A text input's or a switch's name, value, change handler and message, from the draft. */
  const bind = (name: (typeof FIELDS)[number]) => ({ name, value: draft[name], onValueChange: set(name), error: form.fields[name] });
  const check = (name: (typeof SWITCHES)[number]) => ({ name, checked: draft[name], onCheckedChange: toggle(name), error: form.fields[name] });
  const nameFallback = senderNameFallback(settings, draft);
  const addressFallback = settings.sender_address_fallback ?? '';
  const lifetimeOptions = (current: string) => {
    const values = LIFETIMES.includes(Number(current)) || !current ? LIFETIMES : [...LIFETIMES, Number(current)].sort((a, b) => a - b);
    return values.map((m) => (
      <option key={m} value={String(m)}>
        {formatMinutes(m)}
      </option>
    ));
  };

  return (
    <DeskForm form={form} className="form settings-form">
      <fieldset className="fieldset card">
        <legend>Portal and brand</legend>
        <TextField
          label="Portal name"
          {...bind('portal_name')}
          required
          autoComplete="off"
        />
        <UrlField
          label="Logo address (optional)"
          {...bind('logo_url')}
          hint="An https:// image, shown in the top bar and in emails."
        />
        <ColorField value={draft.primary_color} onValueChange={set('primary_color')} error={form.fields.primary_color} />
      </fieldset>
      <fieldset className="fieldset card">
        <legend>Email sender</legend>
        <TextField
          label="Sender name (optional)"
          {...bind('sender_name')}
          autoComplete="off"
          placeholder={nameFallback}
          hint={
            nameFallback
              ? `Shown as who the email is from. Empty: “${nameFallback}” (the name in GATEHOUSE_MAIL_FROM if it gives one, else the portal name).`
              : 'Shown as who the email is from. Empty: the portal name.'
          }
        />
        <TextField
          label="Sender address (optional)"
          {...bind('sender_address')}
          type="email"
          spellCheck={false}
          autoComplete="off"
          placeholder={addressFallback}
          hint={
            addressFallback
              ? `Must be on a domain verified with your email provider. Empty: ${addressFallback} (from GATEHOUSE_MAIL_FROM).`
              : 'Must be on a domain verified with your email provider. Empty: the address in GATEHOUSE_MAIL_FROM.'
          }
        />
        <TextField
          label="Support email (optional)"
          {...bind('support_email')}
          type="email"
          spellCheck={false}
          autoComplete="off"
          hint="Where members can write for help; shown in emails."
        />
      </fieldset>
      <fieldset className="fieldset card">
        <legend>Link lifetimes</legend>
        <SelectField
          label="Reset links sent by staff"
          {...bind('staff_reset_ttl_minutes')}
          hint="How long a “Send password reset link” email works. Members’ own requests always last 30 minutes."
        >
          {lifetimeOptions(draft.staff_reset_ttl_minutes)}
        </SelectField>
        <SelectField
          label="Welcome email links"
          {...bind('welcome_ttl_minutes')}
          hint="How long the link to choose a password in a welcome email works."
        >
          {lifetimeOptions(draft.welcome_ttl_minutes)}
        </SelectField>
      </fieldset>
      <fieldset className="fieldset card">
        <legend>Sign-in providers</legend>
        <ProvidersList providers={settings.oauth_providers ?? []} />
        <CheckboxField
          label="Let people sign up with a provider"
          hint="Someone whose provider vouches for their email address, and who has no account here, gets a new member account with no offers. Off: they see “No account for this email”."
          {...check('allow_self_signup')}
        />
      </fieldset>
      <fieldset className="fieldset card">
        <legend>Sign-in by email code</legend>
        <CheckboxField
          label="Allow sign-in by email code"
          {...check('allow_code_sign_in')}
          hint="The sign-in page offers “Email me a sign-in code”: members get a six-digit code by email and sign in without a password. Off: passwords and providers only."
        />
        <CheckboxField
          label="Let staff sign in with an email code"
          {...check('allow_staff_code_sign_in')}
          disabled={!isOwner}
          hint={
            isOwner
              ? 'Off unless you allow it: a staff sign-in opens every member’s account, so staff use their password (or a provider). Needs “Allow sign-in by email code” on.'
              : 'Only an owner can change this: a staff sign-in opens every member’s account.'
          }
        />
      </fieldset>
      <FormActions form={form} submit="Save settings" busyLabel="Saving…" />
    </DeskForm>
  );
}
