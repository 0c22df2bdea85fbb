import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, json, signedIn } from '../../../testing/fakeServer';
import { renderApp } from '../../../testing/renderApp';

const ID = '6f1c2a57-0000-4000-8000-000000000002';
const IDENTITY = '6f1c2a57-0000-4000-8000-0000000000bb';

const contact = {
  id: ID, email: 'gus@example.com', name: 'Gus', role: 'member', status: 'active', disabled: false, last_login_at: null,
  created_at: '2026-11-20T10:00:00Z', failed_logins: 0, locked_until: null, active_sessions: 1, pending_links: 0,
  password_set: false, password_temporary: false, suppression: null, offers: [], communities: [],
};

const github = {
  id: IDENTITY, provider: 'github', label: 'GitHub', email: 'gus@users.example', created_at: '2026-11-21T10:00:00Z', last_used_at: '2026-11-25T10:00:00Z',
};

function server(role: 'support' | 'admin') {
  return fakeServer({
    'GET /api/auth/session': json(200, signedIn(role)),
    [`GET /api/admin/contacts/${ID}`]: json(200, contact),
    [`GET /api/admin/contacts/${ID}/emails`]: json(200, { items: [], next_cursor: '' }),
    [`GET /api/admin/contacts/${ID}/events`]: json(200, { items: [], next_cursor: '' }),
    [`GET /api/admin/contacts/${ID}/workflow-runs`]: json(200, { items: [], next_cursor: '' }),
    [`GET /api/admin/contacts/${ID}/identities`]: json(200, { identities: [github] }),
    [`DELETE /api/admin/contacts/${ID}/identities/${IDENTITY}`]: new Response(null, { status: 204 }),
  });
}

describe('sign-in providers on the contact record', () => {
  it('lets an admin unlink a provider after a confirmation that says what changes', async () => {
    const fake = server('admin');
    renderApp(`/admin/contacts/${ID}`);
    const section = await screen.findByRole('region', { name: 'Sign-in providers' }, { timeout: 3000 });
    expect(await within(section).findByText('GitHub', { selector: 'p' })).toBeInTheDocument();
    expect(within(section).getByText(/gus@users\.example/)).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(within(section).getByRole('button', { name: 'Unlink GitHub' }));
    const dialog = screen.getByRole('dialog', { name: 'Unlink GitHub?' });
    expect(dialog).toHaveTextContent('Gus (gus@example.com) will no longer be able to sign in with the GitHub account');
    await user.click(within(dialog).getByRole('button', { name: 'Unlink' }));

    await waitFor(() => expect(fake.calls('DELETE', `/api/admin/contacts/${ID}/identities/${IDENTITY}`)).toHaveLength(1));
    expect(await within(section).findByText('GitHub unlinked from Gus (gus@example.com).')).toBeInTheDocument();
    expect(within(section).getByText('Signs in with email and password only.')).toBeInTheDocument();
  });

  it('shows support the providers without an unlink button', async () => {
    server('support');
    renderApp(`/admin/contacts/${ID}`);
    const section = await screen.findByRole('region', { name: 'Sign-in providers' }, { timeout: 3000 });
    expect(await within(section).findByText('GitHub', { selector: 'p' })).toBeInTheDocument();
    expect(within(section).queryByRole('button', { name: /Unlink/ })).toBeNull();
  });
});
