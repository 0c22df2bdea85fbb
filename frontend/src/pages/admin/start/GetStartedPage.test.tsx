import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, json, signedIn } from '../../../testing/fakeServer';
import { settingsRecord } from '../../../testing/records';
import { renderApp } from '../../../testing/renderApp';

afterEach(() => {
  window.localStorage.clear();
});

const page = (items: unknown[]) => json(200, { items, next_cursor: '' });
const owner = { id: 'c-1', email: 'jane@example.com', name: 'Jane Doe', role: 'owner', status: 'active', disabled: false, last_login_at: null, created_at: '2026-11-20T10:00:00Z' };
const member = { ...owner, id: 'c-2', email: 'mia@example.com', name: 'Mia', role: 'member' };
const offer = { id: 'o-1', name: 'Pottery 101', slug: 'pottery-101', archived: false, members: 0, created_at: '2026-11-20T10:00:00Z' };

function server(opts: { role?: 'owner' | 'admin'; captured?: boolean; settings?: Array<Record<string, unknown>>; offers?: unknown[][]; contacts?: unknown[][] } = {}) {
  return fakeServer({
    'GET /api/auth/session': json(200, signedIn(opts.role ?? 'owner', opts.captured === false ? {} : { mail_captured: true })),
    'GET /api/admin/settings': (opts.settings ?? [settingsRecord]).map((s) => json(200, s)),
    'GET /api/admin/offers': (opts.offers ?? [[]]).map(page),
    'GET /api/admin/contacts': (opts.contacts ?? [[owner]]).map(page),
    'GET /api/admin/communities': page([]),
  });
}

const checklistState = () =>
  [...document.querySelectorAll('.checklist-item')].map((li) => [li.querySelector('h2 .badge')?.textContent, li.querySelector('h2')?.firstChild?.textContent]);

const nav = () => screen.getByRole('navigation', { name: 'Staff desk' });

describe('first run: Get started', () => {
  it('lands a new owner on the checklist, ticked from real data, with Resend explained while email is captured', async () => {
    const s = server({ offers: [[offer]] });
    renderApp('/admin');
    expect(await screen.findByRole('heading', { level: 1, name: 'Get started' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/admin/start');
    expect(within(nav()).getByRole('link', { name: 'Get started' })).toHaveAttribute('aria-current', 'page');
    await waitFor(() => expect(checklistState()).toHaveLength(4));
    expect(checklistState()).toEqual([
      ['To do', 'Name your portal and its sender'],
      ['Done', 'Create an offer'],
      ['To do', 'Add or import your contacts'],
      ['To do', 'Connect Resend to send email'],
    ]);
    expect(screen.getByRole('status')).toHaveTextContent('1 of 4 done.');
    expect(screen.getByText(/Now: the portal is called “Gatehouse”, and emails come from Gatehouse <no-reply@localhost>\./)).toBeInTheDocument();
    const resend = screen.getByRole('heading', { name: /Connect Resend/ }).closest('li') as HTMLElement;
    expect(resend).toHaveTextContent('GATEHOUSE_RESEND_API_KEY');
    expect(resend).toHaveTextContent('GATEHOUSE_MAIL_FROM');
    expect(resend).toHaveTextContent('Restart Gatehouse.');
    expect(within(resend).getByRole('link', { name: 'Mailbox' })).toHaveAttribute('href', '/admin/mailbox');
    expect(s.calls('GET', '/api/admin/contacts')[0].search).toBe('?limit=50');
  });

  it('ticks off and goes away once every step is done; /admin then opens the contacts', async () => {
    const named = { ...settingsRecord, portal_name: 'Clay Club', sender_address: 'hello@clay.example' };
    server({ captured: false, settings: [named], offers: [[offer]], contacts: [[member, owner]] });
    renderApp('/admin/start');
    expect(await screen.findByText('All done: your portal is set up.')).toBeInTheDocument();
    expect(checklistState().map(([badge]) => badge)).toEqual(['Done', 'Done', 'Done']); // no Resend step: it is connected
    await waitFor(() => expect(within(nav()).queryByRole('link', { name: 'Get started' })).not.toBeInTheDocument());
    expect(window.localStorage.getItem('gatehouse.desk.first-run.c-1')).toBe('done');
    await userEvent.setup().click(screen.getByRole('link', { name: 'Go to contacts' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Contacts' })).toBeInTheDocument();
  });

  it('ticks a step when its data arrives (an offer created elsewhere)', async () => {
    server({ offers: [[], [offer]] });
    renderApp('/admin/start');
    await waitFor(() => expect(checklistState()[1]).toEqual(['To do', 'Create an offer']));
    const user = userEvent.setup();
    await user.click(within(nav()).getByRole('link', { name: 'Offers' }));
    expect(await screen.findByRole('link', { name: 'Pottery 101' })).toBeInTheDocument();
    await user.click(within(nav()).getByRole('link', { name: 'Get started' }));
    await waitFor(() => expect(checklistState()[1]).toEqual(['Done', 'Create an offer']));
  });

  it('hides for good when dismissed (in this browser, for this owner)', async () => {
    server();
    renderApp('/admin');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Hide this checklist' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Contacts' })).toBeInTheDocument();
    expect(within(nav()).queryByRole('link', { name: 'Get started' })).not.toBeInTheDocument();
    expect(window.localStorage.getItem('gatehouse.desk.first-run.c-1')).toBe('dismissed');
  });

  it('stays out of the way for a dismissed owner and for admins', async () => {
    window.localStorage.setItem('gatehouse.desk.first-run.c-1', 'dismissed');
    server();
    renderApp('/admin');
    expect(await screen.findByRole('heading', { level: 1, name: 'Contacts' })).toBeInTheDocument();
    expect(within(nav()).queryByRole('link', { name: 'Get started' })).not.toBeInTheDocument();
  });

  it('is the owner’s: an admin lands on the contacts', async () => {
    const s = server({ role: 'admin' });
    renderApp('/admin');
    expect(await screen.findByRole('heading', { level: 1, name: 'Contacts' })).toBeInTheDocument();
    expect(within(nav()).queryByRole('link', { name: 'Get started' })).not.toBeInTheDocument();
    expect(s.calls('GET', '/api/admin/settings')).toHaveLength(0);
  });
});
