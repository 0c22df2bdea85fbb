import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, json, signedIn } from '../../../testing/fakeServer';
import { renderApp } from '../../../testing/renderApp';
import { DryRunResult } from './DryRunResult';

const OFFER = '6f1c2a57-0000-4000-8000-0000000000aa';
const OP = '6f1c2a57-0000-4000-8000-0000000000b1';
const page = (items: unknown[], next = '') => json(200, { items, next_cursor: next });
const contact = (n: number) => ({
  id: `6f1c2a57-0000-4000-8000-00000000000${n}`,
  email: `m${n}@example.com`,
  name: `Member ${n}`,
  role: 'member',
  status: 'invited',
  disabled: false,
  last_login_at: null,
  created_at: '2026-11-20T10:00:00Z',
});
const [c1, c2, c3] = [contact(1), contact(2), contact(3)];

const plan = {
  id: '',
  dry_run: true,
  total: 3,
  counts: { will_act: 2, suppressed: 1 },
  sample: { will_act: [c1, c2].map(({ id, email, name }) => ({ id, email, name })), suppressed: [{ id: c3.id, email: c3.email, name: '' }] },
};

const op = (status: string, done: number, counts: Record<string, number>) => ({
  id: OP,
  action: 'resend_welcome',
  offer_id: OFFER,
  community_id: '',
  status,
  done,
  total: 3,
  counts,
  created_at: '2026-11-26T10:00:00Z',
  finished_at: status === 'running' ? null : '2026-11-26T10:00:03Z',
});

function contactsServer(extra: Record<string, Response | Response[] | ((r: { body: unknown }) => Response)> = {}) {
  return fakeServer({
    'GET /api/auth/session': json(200, signedIn('support')),
    'GET /api/admin/contacts': page([c1, c2, c3]),
    'GET /api/admin/offers': page([{ id: OFFER, name: 'Pottery 101', archived: false }]),
    'GET /api/admin/communities': page([]),
    ...extra,
  });
}

describe('bulk panel', () => {
  it('dry-runs everyone matching the filters, shows the counts per class with a sample, and confirms exactly who gets what', async () => {
    const server = contactsServer({
      'POST /api/admin/bulk': (req) =>
        (req.body as { dry_run: boolean }).dry_run ? json(200, plan) : json(202, { id: OP, total: 3, status: 'running', counts: {} }),
      [`GET /api/admin/bulk/${OP}`]: json(200, op('running', 0, { pending: 3 })),
    });
    renderApp(`/admin/contacts?offer_id=${OFFER}`);
    const user = userEvent.setup();
    await screen.findByRole('link', { name: 'Member 1' }, { timeout: 3000 });
    await user.click(screen.getByRole('button', { name: 'Bulk action…' }));
    const panel = screen.getByRole('region', { name: 'Bulk action' });
    await user.selectOptions(within(panel).getByLabelText('Action'), 'Resend welcome email');
    // The list's offer filter is the likely offer; support does not see Revoke.
    await waitFor(() => expect(within(panel).getByLabelText('Offer')).toHaveValue(OFFER));
    expect(within(panel).queryByRole('option', { name: 'Revoke offer' })).not.toBeInTheDocument();
    expect(within(panel).getByLabelText('Everyone matching the current filters (3)')).toBeChecked();
    expect(within(panel).getByLabelText(/Ticked contacts/)).toBeDisabled();

    await user.click(within(panel).getByRole('button', { name: 'Dry run' }));
    const counts = await within(panel).findByRole('region', { name: 'Dry run counts' });
    expect(server.calls('POST', '/api/admin/bulk')[0].body).toEqual({ action: 'resend_welcome', offer_id: OFFER, filter: { offer_id: OFFER }, dry_run: true });
    const rows = within(counts).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(['Will act2Member 1, Member 2', 'Suppressed address (skipped)1m3@example.com']);
    expect(screen.getByText('Dry run done: 3 contacts selected, 2 would be acted on.')).toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: 'Run for 2 contacts' }));
    const dialog = screen.getByRole('dialog', { name: 'Resend welcome email for 2 contacts?' });
    expect(dialog).toHaveTextContent('Who: every contact holding Pottery 101 (3 contacts in the dry run).');
    expect(dialog).toHaveTextContent(
      '2 contacts get the Pottery 101 welcome email again, each with a new link to choose a password; their previous link stops working.',
    );
    expect(dialog).toHaveTextContent('Skipped, and listed as such in the report: 1 suppressed address.');
    expect(server.calls('POST', '/api/admin/bulk')).toHaveLength(1); // nothing runs before the confirmation
    await user.click(within(dialog).getByRole('button', { name: 'Start bulk action' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Bulk: Resend welcome email · Pottery 101' }, { timeout: 3000 })).toBeInTheDocument();
    expect(server.calls('POST', '/api/admin/bulk')[1].body).toEqual({ action: 'resend_welcome', offer_id: OFFER, filter: { offer_id: OFFER }, dry_run: false });
    expect(window.location.pathname).toBe(`/admin/bulk/${OP}`);
  }, 15_000);

  it('acts on ticked rows: select all on the page, untick one, and the ids are the target', async () => {
    const server = contactsServer({ 'POST /api/admin/bulk': json(200, { ...plan, total: 2, counts: { will_act: 2 }, sample: {} }) });
    renderApp('/admin/contacts');
    const user = userEvent.setup();
    await screen.findByRole('link', { name: 'Member 1' }, { timeout: 3000 });
    await user.click(screen.getByLabelText('Select all 3 contacts shown'));
    await user.click(screen.getByLabelText('Select Member 2'));
    expect(screen.getByLabelText('Select all 3 contacts shown')).toHaveProperty('indeterminate', true);
    await user.click(screen.getByRole('button', { name: 'Bulk action…' }));
    const panel = screen.getByRole('region', { name: 'Bulk action' });
    expect(within(panel).getByLabelText('The 2 contacts ticked in the list')).toBeChecked();
    await user.selectOptions(within(panel).getByLabelText('Action'), 'Sign out everywhere');
    await user.click(within(panel).getByRole('button', { name: 'Dry run' }));
    await within(panel).findByRole('region', { name: 'Dry run counts' });
    expect(server.calls('POST', '/api/admin/bulk')[0].body).toEqual({ action: 'sign_out', contact_ids: [c1.id, c3.id], dry_run: true });

    // Another choice makes the dry run stale: it must be run again.
    await user.click(within(panel).getByLabelText(/Everyone: no filter is set/));
    expect(within(panel).queryByRole('region', { name: 'Dry run counts' })).not.toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: /^Run for/ })).not.toBeInTheDocument();
  }, 15_000);
});

describe('bulk progress page', () => {
  it('polls every second while running, shows a real progress bar, and stops once done with the report link', async () => {
    const server = contactsServer({
      [`GET /api/admin/bulk/${OP}`]: [
        json(200, op('running', 1, { done: 1, pending: 2 })),
        json(200, op('running', 2, { done: 2, pending: 1 })),
        json(200, op('done', 3, { done: 2, suppressed: 1 })),
      ],
    });
    renderApp(`/admin/bulk/${OP}`);
    const bar = await screen.findByRole('progressbar', { name: 'Contacts worked through' }, { timeout: 3000 });
    expect(bar).toHaveAttribute('max', '3');
    expect(bar).toHaveAttribute('value', '1');
    expect(screen.getByText('1 of 3 contacts (33%)')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel operation…' })).toBeInTheDocument();

    expect(await screen.findByText('3 of 3 contacts (100%)', {}, { timeout: 4000 })).toBeInTheDocument();
    const report = screen.getByRole('link', { name: 'Download report (CSV)' });
    expect(report).toHaveAttribute('href', `/api/admin/bulk/${OP}/report`);
    expect(report).toHaveAttribute('download');
    expect(screen.queryByRole('button', { name: 'Cancel operation…' })).not.toBeInTheDocument();
    expect(screen.getByText('Suppressed (skipped)').nextElementSibling).toHaveTextContent('1');

    const calls = server.calls('GET', `/api/admin/bulk/${OP}`).length;
    expect(calls).toBe(3);
    await new Promise((r) => setTimeout(r, 1600));
    expect(server.calls('GET', `/api/admin/bulk/${OP}`)).toHaveLength(calls); // no polling once done
  }, 15_000);

  it('cancels after a confirmation, then resumes', async () => {
    const server = contactsServer({
      [`GET /api/admin/bulk/${OP}`]: json(200, op('running', 1, { done: 1, pending: 2 })),
      [`POST /api/admin/bulk/${OP}/cancel`]: json(200, op('cancelled', 1, { done: 1, pending: 2 })),
      [`POST /api/admin/bulk/${OP}/resume`]: json(409, { code: 'invalid_state', message: 'The operation cannot do that now (it is finished, or already running).' }),
    });
    renderApp(`/admin/bulk/${OP}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Cancel operation…' }, { timeout: 3000 }));
    const dialog = screen.getByRole('dialog', { name: 'Stop this bulk operation?' });
    expect(dialog).toHaveTextContent('What was done stays done');
    await user.click(within(dialog).getByRole('button', { name: 'Stop it' }));
    expect(await screen.findByText(/Cancelled\. What was done stays done/)).toBeInTheDocument();
    expect(server.calls('POST', `/api/admin/bulk/${OP}/cancel`)[0].headers['x-csrf-token']).toBe('csrf-123');
    expect(screen.getByRole('link', { name: 'Download the report so far (CSV)' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Resume' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The operation cannot do that now');
  });

  it('shows a run that stopped on its own with the reason, and says plainly when its resume is refused', async () => {
    const stopped = { ...op('stopped', 1, { done: 1, invalid: 1, not_allowed: 1, pending: 0 }), stop_reason: 'the staff member who started it was disabled' };
    const server = contactsServer({
      [`GET /api/admin/bulk/${OP}`]: json(200, stopped),
      [`POST /api/admin/bulk/${OP}/resume`]: json(403, {
        code: 'forbidden',
        message: 'Only the person who started this operation, or someone with a higher role, can resume it.',
      }),
    });
    renderApp(`/admin/bulk/${OP}`);
    const status = await screen.findByText(/Stopped on its own:/, {}, { timeout: 3000 });
    expect(status.closest('p')).toHaveTextContent('Stopped on its own: the staff member who started it was disabled.');
    expect(screen.getByText('Stopped', { selector: '.badge' })).toBeInTheDocument();
    // Skips say why, as the dry run did for this action.
    expect(screen.getByText('Do not hold the offer (skipped)').nextElementSibling).toHaveTextContent('1');
    expect(screen.getByText('A staff account above your role (skipped)').nextElementSibling).toHaveTextContent('1');

    await userEvent.setup().click(screen.getByRole('button', { name: 'Resume' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You can’t resume this operation. Only the person who started this operation, or someone with a higher role, can resume it.');
    expect(alert).toHaveTextContent('Ask them (or someone with a higher role) to resume it');
    expect(server.calls('POST', `/api/admin/bulk/${OP}/resume`)).toHaveLength(1);
  });

  it('lists stopped runs with their reason', async () => {
    contactsServer({
      'GET /api/admin/bulk': page([{ ...op('stopped', 1, {}), stop_reason: 'the staff member who started it no longer has the role it ran with' }]),
    });
    renderApp('/admin/bulk');
    const table = await screen.findByRole('region', { name: 'Bulk operations' }, { timeout: 3000 });
    expect(within(table).getByText('Stopped')).toBeInTheDocument();
    expect(within(table).getByText('Stopped: the staff member who started it no longer has the role it ran with.')).toBeInTheDocument();
  });
});

describe('dry run result', () => {
  it('splits the skips: no offer to act on, a staff account above your role', () => {
    render(
      <DryRunResult
        action="revoke_offer"
        plan={{ dry_run: true, total: 4, counts: { will_act: 2, invalid: 1, not_allowed: 1 }, sample: { not_allowed: [{ id: 'o', email: 'owner@example.com', name: 'Olga Owner' }] } }}
      />,
    );
    const rows = screen.getAllByRole('row').slice(1).map((r) => [r.querySelector('th')?.textContent, r.querySelectorAll('td')[0].textContent]);
    expect(rows).toEqual([
      ['Will act', '2'],
      ['Do not hold the offer (skipped)', '1'],
      ['A staff account above your role (skipped)', '1'],
    ]);
    expect(screen.getByText('Olga Owner')).toBeInTheDocument();
  });
});
