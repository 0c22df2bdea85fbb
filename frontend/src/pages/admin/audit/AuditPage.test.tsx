import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, json, signedIn } from '../../../testing/fakeServer';
import { renderApp } from '../../../testing/renderApp';

const ADA = '6f1c2a57-0000-4000-8000-0000000000ad';
const entry = {
  id: 41,
  actor_id: ADA,
  actor_email: 'ada@example.com',
  action: 'reset_link.copy',
  target_type: 'contact',
  target_id: '6f1c2a57-0000-4000-8000-000000000001',
  contact_id: '6f1c2a57-0000-4000-8000-000000000001',
  target_label: 'Mia Rossi (mia@example.com)',
  actor_kind: 'staff',
  actor_label: '',
  detail: { ttl_minutes: 60 },
  ip: '10.0.0.7',
  user_agent: 'Firefox',
  created_at: '2026-11-26T10:00:00Z',
};

describe('audit log', () => {
  it('filters the table and the CSV export alike', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, signedIn('admin')),
      'GET /api/admin/staff': json(200, { items: [{ id: ADA, email: 'ada@example.com', name: 'Ada Admin', role: 'admin', status: 'active' }], next_cursor: '' }),
      'GET /api/admin/audit': json(200, { items: [entry], next_cursor: '41' }),
    });
    renderApp('/admin/audit?from=2026-11-01');
    const table = await screen.findByRole('region', { name: 'Audit log' }, { timeout: 3000 });
    expect(within(table).getByText('Reset link copied')).toBeInTheDocument();
    expect(within(table).getByText('Link lifetime: 1 hour')).toBeInTheDocument();
    // The target by the name it had then, linked to its record; not "contact 6f1c2a57".
    expect(within(table).getByRole('link', { name: 'Mia Rossi (mia@example.com)' })).toHaveAttribute('href', `/admin/contacts/${entry.target_id}`);
    expect(within(table).queryByText(/contact 6f1c2a57/)).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', '/api/admin/audit.csv?from=2026-11-01');

    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText('Actor'), 'Ada Admin (ada@example.com)');
    await user.selectOptions(screen.getByLabelText('Action'), 'All offers actions');
    await user.type(screen.getByLabelText('To (inclusive)'), '2026-11-30');
    // One search box for names and addresses replaces the "Target id" field.
    expect(screen.queryByLabelText('Target id')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Search'), 'mia@');

    const want = `actor_id=${ADA}&action=offer.&from=2026-11-01&to=2026-11-30&q=mia%40`;
    await waitFor(() => expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', `/api/admin/audit.csv?${want}`));
    await waitFor(() => expect(server.calls('GET', '/api/admin/audit').map((r) => r.search)).toContain(`?${want}`));
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(server.calls('GET', '/api/admin/audit').map((r) => r.search)).toContain(`?${want}&cursor=41`));
  });

  it('names what acted when it was not staff, and shows old entries without a label by kind', async () => {
    fakeServer({
      'GET /api/auth/session': json(200, signedIn('admin')),
      'GET /api/admin/staff': json(200, { items: [], next_cursor: '' }),
      'GET /api/admin/audit': json(200, {
        items: [
          { ...entry, id: 3, actor_id: '', actor_email: '', actor_kind: 'workflow', actor_label: 'Welcome', action: 'offer.resend_welcome' },
          { ...entry, id: 2, actor_email: 'ann@example.com', actor_kind: 'bulk', action: 'reset_link.send' },
          { ...entry, id: 1, target_label: '', target_type: 'offer', target_id: '6f1c2a57-0000-4000-8000-0000000000aa', action: 'offer.update' },
        ],
        next_cursor: '',
      }),
    });
    renderApp('/admin/audit');
    const table = await screen.findByRole('region', { name: 'Audit log' }, { timeout: 3000 });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.querySelectorAll('td')[1].textContent)).toEqual([
      'The workflow “Welcome”',
      'A bulk run (started by ann@example.com)',
      'ada@example.com',
    ]);
    expect(within(rows[2]).getByRole('link', { name: 'offer 6f1c2a57' })).toHaveAttribute('href', '/admin/offers/6f1c2a57-0000-4000-8000-0000000000aa');
  });

  it('is not offered to support, and says why when opened anyway', async () => {
    const server = fakeServer({ 'GET /api/auth/session': json(200, signedIn('support')) });
    renderApp('/admin/audit');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available for your role' }, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.getByText(/This page is for admins and owners\. You are signed in as Support\./)).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Staff desk' });
    expect(within(nav).queryByRole('link', { name: 'Audit' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Settings' })).not.toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Communities' })).toBeInTheDocument();
    expect(server.calls('GET', '/api/admin/audit')).toHaveLength(0);
  });
});
