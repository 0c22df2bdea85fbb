// Records as the desk API answers them, for tests that need a whole one. Each is a plain start
// (a new portal, a new member); tests spread in what their case needs.

export const CONTACT_ID = '6f1c2a57-0000-4000-8000-000000000001';
export const OFFER_ID = '6f1c2a57-0000-4000-8000-0000000000aa';

/** GET /api/admin/contacts/:id: a member invited, never signed in, holding nothing. */
export const contactRecord = {
  id: CONTACT_ID,
  email: 'mia@example.com',
  name: 'Mia Member',
  role: 'member',
  status: 'invited',
  disabled: false,
  last_login_at: null,
  created_at: '2026-11-20T10:00:00Z',
  failed_logins: 0,
  locked_until: null,
  active_sessions: 0,
  pending_links: 0,
  password_set: false,
  password_temporary: false,
  suppression: null,
  offers: [],
  communities: [],
};

/** GET /api/admin/settings of a portal nobody has set up: mail goes out as the defaults. */
export const settingsRecord = {
  portal_name: 'Gatehouse',
  logo_url: '',
  primary_color: '#4338ca',
  sender_name: '',
  sender_address: '',
  support_email: '',
  staff_reset_ttl_minutes: 1440,
  welcome_ttl_minutes: 4320,
  allow_self_signup: false,
  allow_code_sign_in: true,
  allow_staff_code_sign_in: false,
  oauth_providers: [] as { name: string; label: string; kind: string; callback_url: string }[],
  sender_name_fallback: 'Gatehouse',
  sender_address_fallback: 'no-reply@localhost',
};
