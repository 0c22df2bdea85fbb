import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ANONYMOUS, fakeServer, json, noContent, signedIn } from './testing/fakeServer';
import { renderApp } from './testing/renderApp';

describe('routing and guards', () => {
  it('sends anonymous visitors of a protected page to sign in, with next', async () => {
    fakeServer({ 'GET /api/auth/session': json(200, ANONYMOUS) });
    renderApp('/account');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(window.location.pathname + window.location.search).toBe('/login?next=%2Faccount');
  });

  it('shows members a not-allowed page under /admin', async () => {
    fakeServer({ 'GET /api/auth/session': json(200, signedIn('member')) });
    renderApp('/admin/contacts');
    expect(await screen.findByRole('heading', { level: 1, name: "You don't have access to this page" })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Admin' })).not.toBeInTheDocument();
  });

  it('has a 404 page', async () => {
    fakeServer({ 'GET /api/auth/session': json(200, ANONYMOUS) });
    renderApp('/no/such/page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
  });

  it('shows communities with how they were joined, and an empty state for offers', async () => {
    fakeServer({
      'GET /api/auth/session': json(200, signedIn('member')),
      'GET /api/portal/communities': json(200, {
        items: [
          { id: 'k1', name: 'Makers', description: '', url: 'https://c.example/makers', direct: false, via_offers: ['Pottery 101'] },
          { id: 'k2', name: 'Friends', description: '', url: '', direct: true, via_offers: [] },
        ],
      }),
    });
    renderApp('/communities');
    expect(await screen.findByText('Via Pottery 101')).toBeInTheDocument();
    expect(screen.getByText('Joined directly')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'My communities' })).toHaveAttribute('aria-current', 'page');
  });

  it('signs out with the CSRF token and lands on sign in', async () => {
    const server = fakeServer({
      'GET /api/auth/session': [json(200, signedIn('member')), json(200, ANONYMOUS)],
      'GET /api/portal/offers': json(200, { items: [] }),
      'POST /api/auth/logout': noContent(),
    });
    renderApp('/offers');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByText('You have signed out.')).toBeInTheDocument();
    expect(server.calls('POST', '/api/auth/logout')[0].headers['x-csrf-token']).toBe('csrf-123');
  });

  it('account: signs out other sessions after confirming', async () => {
    const sessions = {
      items: [
        { id: 's1', current: true, ip: '10.0.0.1', user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0', created_at: '2026-11-20T10:00:00Z', last_seen_at: '2026-11-26T10:00:00Z' },
        { id: 's2', current: false, ip: '10.0.0.2', user_agent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Version/18.0 Mobile Safari/604.1', created_at: '2026-11-21T10:00:00Z', last_seen_at: '2026-11-25T10:00:00Z' },
      ],
    };
    const server = fakeServer({
      'GET /api/auth/session': json(200, signedIn('member')),
      'GET /api/portal/sessions': [json(200, sessions), json(200, { items: [sessions.items[0]] })],
      'POST /api/portal/sessions/sign-out-others': json(200, { ended: 1 }),
    });
    renderApp('/account');
    expect(await screen.findByText('Firefox on Linux')).toBeInTheDocument();
    expect(screen.getByText('This device')).toBeInTheDocument();
    expect(screen.getByText('Safari on iOS')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Sign out of all other sessions' }));
    const dialog = screen.getByRole('dialog', { name: 'Sign out of all other sessions?' });
    await user.click(within(dialog).getByRole('button', { name: 'Sign out other sessions' }));
    expect(await screen.findByText('Signed out of 1 other session.')).toBeInTheDocument();
    expect(server.calls('POST', '/api/portal/sessions/sign-out-others')).toHaveLength(1);
  });

  it('temporary password: only new + confirm, then on to the offers', async () => {
    const server = fakeServer({
      'GET /api/auth/session': [json(200, signedIn('member', { must_change_password: true })), json(200, signedIn('member'))],
      'POST /api/portal/password': noContent(),
      'GET /api/portal/offers': json(200, { items: [] }),
    });
    renderApp('/offers');
    expect(await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/choose-password');
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('New password'), 'quiet river stones');
    await user.type(screen.getByLabelText('Confirm new password'), 'quiet river stones');
    await user.click(screen.getByRole('button', { name: 'Save password and continue' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'My offers' })).toBeInTheDocument();
    expect(server.calls('POST', '/api/portal/password')[0].body).toEqual({ current_password: '', new_password: 'quiet river stones' });
  });
});
