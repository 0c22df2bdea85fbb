// Scopes and event types in words, for the forms.

/** Scopes in words, for the key form and the list. */
export const SCOPE_HELP: Record<string, string> = {
  'contacts:read': 'Read contacts with their offers, communities and access status.',
  'contacts:write': 'Create and update contacts (by email).',
  'offers:grant': 'Grant and revoke offers; add to and remove from communities.',
  'credentials:send': 'Email a reset link; resend an offer’s welcome email.',
  'credentials:links': 'Create copyable access links: the answer is a live sign-in link.',
  'emails:read': 'Read a contact’s emails and their delivery timelines.',
};

/** Event types in words, for the endpoint form. */
export const EVENT_HELP: Record<string, string> = {
  'contact.created': 'A contact was created (desk, API, import, sign-up).',
  'contact.updated': 'A contact’s name, email, phone, tags or external id changed.',
  'offer.granted': 'A contact was granted an offer.',
  'offer.revoked': 'An offer was taken away.',
  'member.first_login': 'A member signed in for the first time.',
  'password.changed': 'A member’s password was set or changed.',
  'access.requested': 'Someone asked for a reset or their access email (after it was decided).',
  'email.delivered': 'An email reached the member’s mail server.',
  'email.bounced': 'An email bounced.',
  'email.complained': 'The member marked an email as spam.',
  'email.failed': 'An email could not be sent.',
};
