import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, json, signedIn } from '../../../testing/fakeServer';
import { renderApp } from '../../../testing/renderApp';

const OFFER = '6f1c2a57-0000-4000-8000-0000000000aa';
const COMMUNITY = '6f1c2a57-0000-4000-8000-0000000000cc';
const page = (items: unknown[], next = '') => json(200, { items, next_cursor: next });
const mia = { id: 'c1', email: 'mia@example.com', name: 'Mia Member', role: 'member', status: 'suppressed', disabled: false, last_login_at: null, created_at: '2026-11-20T10:00:00Z' };

describe('contacts list', () => {
  it('builds the query from the search, filters and sort, and keeps them in the address', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, signedIn('support')),
      'GET /api/admin/contacts': page([mia], 'cur-2'),
      'GET /api/admin/offers': page([{ id: OFFER, name: 'Pottery 101', archived: false }]),
      'GET /api/admin/communities': page([{ id: COMMUNITY, name: 'Makers', archived: true }]),
    });
    renderApp('/admin/contacts');
    expect(await screen.findByRole('link', { name: 'Mia Member' }, { timeout: 3000 })).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Contacts' })).getByText('Email suppressed')).toBeInTheDocument(); // the status badge
    const user = userEvent.setup();

    await user.selectOptions(screen.getByLabelText('Offer'), 'Pottery 101');
    await user.selectOptions(screen.getByLabelText('Community'), 'Makers (archived)');
    await user.selectOptions(screen.getByLabelText('Status'), 'Invited, never signed in');
    await user.selectOptions(screen.getByLabelText('Sort by'), 'Name A–Z');
    await user.type(screen.getByLabelText('Search contacts'), 'mia');

    const want = `?q=mia&offer_id=${OFFER}&community_id=${COMMUNITY}&status=invited&sort=name`;
    await waitFor(() => expect(server.calls('GET', '/api/admin/contacts').map((r) => r.search)).toContain(want));
    expect(new URLSearchParams(window.location.search).get('status')).toBe('invited');
    expect(new URLSearchParams(window.location.search).get('q')).toBe('mia');

    // Load more asks for the next page with the same filters.
    await user.click(await screen.findByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(server.calls('GET', '/api/admin/contacts').map((r) => r.search)).toContain(`${want}&cursor=cur-2`));
  });

  it('asks for an email address like name@example.com before creating a contact', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, signedIn('support')),
      'GET /api/admin/contacts': page([mia]),
      'GET /api/admin/offers': page([]),
      'GET /api/admin/communities': page([]),
    });
    renderApp('/admin/contacts');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New contact' }));
    const email = screen.getByLabelText('Email');
    await user.type(email, 'mia at example.com');
    await user.click(screen.getByRole('button', { name: 'Create contact' }));
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(email).toHaveAccessibleDescription(/Enter an email address like name@example\.com\./);
    expect(server.calls('POST', '/api/admin/contacts')).toHaveLength(0);
  });

  it('offers to clear filters that match nobody', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, signedIn('admin')),
      'GET /api/admin/contacts': page([]),
      'GET /api/admin/offers': page([]),
      'GET /api/admin/communities': page([]),
    });
    renderApp('/admin/contacts?status=disabled');
    expect(await screen.findByText('No contacts match these filters.', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(server.calls('GET', '/api/admin/contacts')[0].search).toBe('?status=disabled');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Clear search and filters' }));
    await waitFor(() => expect(server.calls('GET', '/api/admin/contacts').at(-1)?.search).toBe(''));
  });

  it('forgets the search when the address drops it (the Contacts link), instead of writing it back', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, signedIn('support')),
      'GET /api/admin/contacts': page([mia]),
      'GET /api/admin/offers': page([]),
      'GET /api/admin/communities': page([]),
    });
    renderApp('/admin/contacts?status=invited');
    const box = await screen.findByLabelText('Search contacts', {}, { timeout: 3000 });
    const user = userEvent.setup();
    await user.type(box, 'abc');
    await waitFor(() => expect(new URLSearchParams(window.location.search).get('q')).toBe('abc'));
    await user.click(within(screen.getByRole('navigation', { name: 'Staff desk' })).getByRole('link', { name: 'Contacts' }));
    await waitFor(() => expect(screen.getByLabelText('Search contacts')).toHaveValue(''));
    await new Promise((r) => setTimeout(r, 500)); // past the search's debounce
    expect(window.location.search).toBe('');
    expect(server.calls('GET', '/api/admin/contacts').at(-1)?.search).toBe('');
  });
});
