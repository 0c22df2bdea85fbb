import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, json, signedIn } from '../../../testing/fakeServer';
import { CONTACT_ID, OFFER_ID, contactRecord } from '../../../testing/records';
import { renderApp } from '../../../testing/renderApp';

describe('admin contact page', () => {
  it('shows the access status and grants an offer after a confirmation that says who gets what', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, signedIn('support')),
      [`GET /api/admin/contacts/${CONTACT_ID}`]: [
        json(200, contactRecord),
        json(200, { ...contactRecord, pending_links: 1, offers: [{ offer_id: OFFER_ID, offer_name: 'Pottery 101', granted_at: '2026-11-26T10:00:00Z' }] }),
      ],
      [`GET /api/admin/contacts/${CONTACT_ID}/emails`]: json(200, {
        items: [
          {
            id: 'e1', contact_id: CONTACT_ID, to: 'mia@example.com', kind: 'password_reset', offer_id: '', subject: 'Reset your password',
            status: 'bounced', status_reason: 'mailbox does not exist', attempts: 1, created_at: '2026-11-25T10:00:00Z', sent_at: '2026-11-25T10:00:01Z',
            events: [{ type: 'queued', detail: '', occurred_at: '2026-11-25T10:00:00Z' }, { type: 'bounced', detail: 'mailbox does not exist', occurred_at: '2026-11-25T10:00:05Z' }],
            preview: 'Reset here: [one-time link, hidden]',
          },
        ],
        next_cursor: '',
      }),
      'GET /api/admin/offers': json(200, {
        items: [{ id: OFFER_ID, name: 'Pottery 101', description: '', content_links: [], welcome_subject: '', welcome_body: '', archived: false, created_at: '2026-11-01T00:00:00Z' }],
        next_cursor: '',
      }),
      [`POST /api/admin/contacts/${CONTACT_ID}/offers`]: json(201, { id: 'g1', offer_id: OFFER_ID, granted_at: '2026-11-26T10:00:00Z', welcome_email_id: 'e2' }),
      [`GET /api/admin/contacts/${CONTACT_ID}/workflow-runs`]: json(200, {
        items: [
          {
            id: 'r1', workflow_id: 'w1', workflow_version: 2, contact_id: CONTACT_ID, contact_email: 'mia@example.com', contact_name: 'Mia Member',
            workflow_name: 'Reset on bounce', total_steps: 2, status: 'stopped', step: 1, test: true, wait_until: null,
            steps: [{ step: 0, type: 'send_reset_link', outcome: 'skipped', detail: 'the contact is disabled', at: '2026-11-24T10:00:00Z' }],
            started_at: '2026-11-24T10:00:00Z', finished_at: '2026-11-24T10:00:01Z',
          },
        ],
        next_cursor: '',
      }),
      [`GET /api/admin/contacts/${CONTACT_ID}/identities`]: json(200, { identities: [] }),
    });
    renderApp(`/admin/contacts/${CONTACT_ID}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Mia Member' }, { timeout: 3000 })).toBeInTheDocument();
    const access = screen.getByRole('region', { name: 'Access status' });
    expect(within(access).getAllByText('Never signed in').length).toBeGreaterThan(0);
    expect((await screen.findAllByText('Bounced')).length).toBe(2); // the badge and the timeline
    expect(screen.getByText('Reset here: [one-time link, hidden]')).toBeInTheDocument();
    // What workflows did for this contact, by workflow name.
    const runs = screen.getByRole('region', { name: 'Workflow runs of this contact' });
    expect(await within(runs).findByRole('link', { name: 'Reset on bounce' })).toHaveAttribute('href', '/admin/workflows/w1');
    expect(within(runs).getByText('Stopped')).toBeInTheDocument();
    expect(within(runs).getByText('Test run')).toBeInTheDocument();
    expect(within(runs).getByText('1. Send a password reset link: Skipped')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Sign-in providers' })).getByText('Signs in with email and password only.')).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Grant offer…' }));
    expect(screen.getByLabelText('Offer')).toHaveAttribute('aria-invalid', 'true'); // nothing chosen yet
    await user.selectOptions(screen.getByLabelText('Offer'), 'Pottery 101');
    expect(screen.getByLabelText('Send the welcome email')).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Grant offer…' }));

    const dialog = screen.getByRole('dialog', { name: 'Grant Pottery 101?' });
    expect(dialog).toHaveTextContent('Mia Member (mia@example.com) gets access to Pottery 101.');
    expect(dialog).toHaveTextContent('welcome email for Pottery 101 to mia@example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Grant and send email' }));

    expect(await screen.findByText(/Granted Pottery 101\. The welcome email to mia@example\.com is queued/)).toBeInTheDocument();
    expect(server.calls('POST', `/api/admin/contacts/${CONTACT_ID}/offers`)[0].body).toEqual({ offer_id: OFFER_ID, send_welcome: true });
    expect(server.calls('POST', `/api/admin/contacts/${CONTACT_ID}/offers`)[0].headers['x-csrf-token']).toBe('csrf-123');
    await waitFor(() => expect(screen.getByText('This contact already holds every active offer.')).toBeInTheDocument());
  });

  it('names who acted in the history, says “Captured (not sent)” when email stays local, and names communities once', async () => {
    const at = (m: number) => `2026-11-26T10:${String(m).padStart(2, '0')}:00Z`;
    const action = (m: number, act: string, actor: Record<string, string>) => ({ type: 'action', action: act, ip: '', created_at: at(m), ...actor });
    fakeServer({
      'GET /api/auth/session': json(200, signedIn('owner', { mail_captured: true })),
      [`GET /api/admin/contacts/${CONTACT_ID}`]: json(200, {
        ...contactRecord,
        offers: [
          {
            offer_id: OFFER_ID,
            offer_name: 'Pottery 101',
            granted_at: at(1),
            welcome_email: { id: 'e1', status: 'sent', status_reason: '', created_at: at(1) },
          },
        ],
        communities: [{ id: 'k1', name: 'Makers', description: '', url: '', direct: true, via_offers: [] }],
      }),
      [`GET /api/admin/contacts/${CONTACT_ID}/emails`]: json(200, {
        items: [
          {
            id: 'e1', contact_id: CONTACT_ID, to: 'mia@example.com', kind: 'welcome', offer_id: OFFER_ID, subject: 'Your access to Pottery 101',
            status: 'sent', status_reason: '', attempts: 1, created_at: at(1), sent_at: at(1),
            events: [{ type: 'queued', detail: '', occurred_at: at(1) }, { type: 'sent', detail: '', occurred_at: at(1) }],
            preview: 'Hi Mia',
          },
        ],
        next_cursor: '',
      }),
      [`GET /api/admin/contacts/${CONTACT_ID}/events`]: json(200, {
        items: [
          action(7, 'session.code_sign_in', { actor_kind: 'staff', actor_email: 'mia@example.com' }),
          action(6, 'offer.grant', { actor_kind: 'api', actor_label: 'Shop' }),
          action(5, 'reset_link.send', { actor_kind: 'bulk', actor_email: 'ann@example.com' }),
          action(4, 'offer.resend_welcome', { actor_kind: 'workflow', actor_label: 'Welcome' }),
          action(3, 'offer.grant', { actor_kind: 'import', actor_label: 'contacts.csv' }),
          action(2, 'contact.create', { actor_kind: 'import', actor_label: 'gatehouse import people.csv' }),
          action(1, 'contact.update', { actor_kind: 'staff', actor_email: 'jane@example.com' }),
          { type: 'request', action: 'sign_in_code', outcome: 'code_sign_in_off', ip: '10.0.0.1', created_at: at(0) },
        ],
        next_cursor: '',
      }),
      'GET /api/admin/offers': json(200, { items: [], next_cursor: '' }),
      'GET /api/admin/communities': json(200, { items: [], next_cursor: '' }),
      [`GET /api/admin/contacts/${CONTACT_ID}/workflow-runs`]: json(200, { items: [], next_cursor: '' }),
      [`GET /api/admin/contacts/${CONTACT_ID}/identities`]: json(200, { identities: [] }),
    });
    renderApp(`/admin/contacts/${CONTACT_ID}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Mia Member' }, { timeout: 3000 })).toBeInTheDocument();

    const history = screen.getByRole('region', { name: 'History' });
    await waitFor(() => expect(within(history).getAllByRole('listitem')).toHaveLength(8));
    const lines = within(history)
      .getAllByRole('listitem')
      .map((li) => li.querySelector('.history-what')?.textContent?.replace(/\s+/g, ' ').trim());
    expect(lines).toEqual([
      'Signed in with an emailed code by mia@example.com',
      'Offer granted by API key “Shop”',
      'Reset link emailed by a bulk run (started by ann@example.com)',
      'Welcome email resent by the workflow “Welcome”',
      'Offer granted by an import of contacts.csv',
      'Contact created by a command-line import of people.csv',
      'Contact edited by jane@example.com',
      'Self-service: Sign-in code Code sign-in is off',
    ]);

    // Email never left the machine: the badges say so; the timeline keeps its events.
    const offers = screen.getByRole('region', { name: 'Offers' });
    expect(within(offers).getByText('Captured (not sent)')).toBeInTheDocument();
    const emails = screen.getByRole('region', { name: 'Emails' });
    expect(await within(emails).findAllByText('Captured (not sent)')).toHaveLength(2); // the badge and the timeline
    expect(within(emails).queryByText('Sent', { exact: true })).not.toBeInTheDocument();

    // One name for communities, and one Change password (under Account actions).
    expect(screen.getByRole('region', { name: 'Communities' })).toHaveTextContent('Makers');
    expect(screen.queryByText(/Community groups/)).not.toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Change password' })).toHaveLength(1);
  });

  it('redirects /admin to the contacts list and searches with q', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, signedIn('admin')),
      'GET /api/admin/contacts': json(200, {
        items: [{ id: CONTACT_ID, email: 'mia@example.com', name: 'Mia Member', role: 'member', status: 'invited', disabled: false, last_login_at: null, created_at: '2026-11-20T10:00:00Z' }],
        next_cursor: 'next-1',
      }),
    });
    renderApp('/admin');
    expect(await screen.findByRole('heading', { level: 1, name: 'Contacts' }, { timeout: 3000 })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/admin/contacts');
    expect(await screen.findByRole('link', { name: 'Mia Member' })).toHaveAttribute('href', `/admin/contacts/${CONTACT_ID}`);
    expect(screen.getByRole('button', { name: 'Load more' })).toBeInTheDocument();

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Search contacts'), 'mia');
    await waitFor(() => expect(server.calls('GET', '/api/admin/contacts').some((r) => r.search === '?q=mia')).toBe(true));
    // Debounced: not one request per keystroke.
    expect(server.calls('GET', '/api/admin/contacts').filter((r) => r.search.startsWith('?q=m')).length).toBe(1);
  });
});
