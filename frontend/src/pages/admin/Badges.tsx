import { useOptionalSession } from '../../lib/session';

// Status words with colours that keep AA contrast; the word itself carries the meaning.

type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export function Badge({ tone = 'neutral', className, children }: { tone?: Tone; className?: string; children: React.ReactNode }) {
  return <span className={['badge', `badge-${tone}`, className ?? ''].filter(Boolean).join(' ')}>{children}</span>;
}

const EMAIL_STATUS: Record<string, [string, Tone]> = {
  queued: ['Queued', 'neutral'],
  sending: ['Sending', 'info'],
  sent: ['Sent', 'info'],
  delivered: ['Delivered', 'success'],
  delivery_delayed: ['Delayed', 'warning'],
  delayed: ['Delayed', 'warning'],
  bounced: ['Bounced', 'danger'],
  complained: ['Marked as spam', 'danger'],
  failed: ['Failed', 'danger'],
  suppressed: ['Suppressed', 'warning'],
};

export const EMAIL_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'delivery_delayed', 'bounced', 'complained', 'failed', 'suppressed'];

/** What "sent" means when no Resend key is set: the email went to the local mailbox, not to the member. */
export const CAPTURED_LABEL = 'Captured (not sent)';

/**
 * Whether email is only captured locally (the session says so for staff). A label matter only:
 * the stored statuses, the filters and the events stay as they are.
 */
export function useMailCaptured(): boolean {
  return useOptionalSession()?.session.mail_captured === true;
}

export function emailStatusLabel(status: string, captured = false): string {
  if (captured && status === 'sent') return CAPTURED_LABEL;
  return EMAIL_STATUS[status]?.[0] ?? humanize(status);
}

/** Each status has its own look (emails.css: colour, border and a mark before the word); the word carries the meaning. */
export function EmailStatusBadge({ status }: { status: string }) {
  const captured = useMailCaptured();
  const tone = EMAIL_STATUS[status]?.[1] ?? 'neutral';
  const label = emailStatusLabel(status, captured);
  const known = status in EMAIL_STATUS ? `email-status email-status-${status === 'delayed' ? 'delivery_delayed' : status}` : undefined;
  return (
    <Badge tone={tone} className={known}>
      {label}
    </Badge>
  );
}

const EMAIL_KINDS: Record<string, string> = {
  welcome: 'Welcome',
  password_reset: 'Password reset',
  set_password: 'Set password',
  password_changed: 'Password changed',
  sign_in_added: 'Sign-in method added',
  sign_in_code: 'Sign-in code',
  staff_invite: 'Staff invitation',
  staff_notice: 'Staff notice',
  test: 'Test (sent to staff)',
};

export const EMAIL_KIND_VALUES = Object.keys(EMAIL_KINDS);

export function emailKindLabel(kind: string): string {
  return EMAIL_KINDS[kind] ?? humanize(kind);
}

const OUTCOMES: Record<string, [string, Tone]> = {
  pending: ['Pending', 'neutral'],
  sent: ['Sent', 'success'],
  unknown_address: ['Unknown address', 'warning'],
  disabled: ['Account disabled', 'danger'],
  throttled: ['Throttled', 'warning'],
  suppressed: ['Suppressed address (nothing sent)', 'warning'],
  code_sign_in_off: ['Code sign-in is off', 'neutral'],
  staff_code_sign_in_off: ['Staff code sign-in is off', 'neutral'],
};

export function OutcomeBadge({ outcome }: { outcome: string }) {
  const [label, tone] = OUTCOMES[outcome] ?? [humanize(outcome), 'neutral'];
  return <Badge tone={tone}>{label}</Badge>;
}

const REQUEST_KINDS: Record<string, string> = {
  forgot_password: 'Forgot password',
  resend_access: 'Resend access email',
  renew_link: 'New link for an old one',
  sign_in_code: 'Sign-in code',
};

export function requestKindLabel(kind: string): string {
  return REQUEST_KINDS[kind] ?? humanize(kind);
}

const CONTACT_STATUS: Record<string, [string, Tone]> = {
  invited: ['Invited', 'info'],
  active: ['Active', 'success'],
  disabled: ['Disabled', 'danger'],
  suppressed: ['Email suppressed', 'warning'],
};

/** The contacts filter: invited means never signed in. */
export const CONTACT_STATUS_OPTIONS: [string, string][] = [
  ['invited', 'Invited, never signed in'],
  ['active', 'Active'],
  ['disabled', 'Disabled'],
  ['suppressed', 'Email suppressed'],
];

export function ContactStatusBadge({ status }: { status: string }) {
  const [label, tone] = CONTACT_STATUS[status] ?? [humanize(status), 'neutral'];
  return <Badge tone={tone}>{label}</Badge>;
}

export function humanize(code: string | null | undefined): string {
  const s = (code ?? '').replace(/_/g, ' ').trim();
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : '—';
}
