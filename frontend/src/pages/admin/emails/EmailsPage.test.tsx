import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, json, signedIn } from '../../../testing/fakeServer';
import { renderApp } from '../../../testing/renderApp';
import { emailFilterProblems, emailFiltersFrom, utcDay } from './emailFilters';

const CONTACT = '6f1c2a57-0000-4000-8000-000000000001';

const bounced = {
  id: 'e1',
  contact_id: CONTACT,
  to: 'mia@example.com',
  kind: 'welcome',
  offer_id: '',
  subject: 'Your access to Pottery 101',
  status: 'bounced',
  status_reason: 'Permanent bounce: mailbox does not exist',
  attempts: 1,
  created_at: '2026-11-25T10:00:00Z',
  sent_at: '2026-11-25T10:00:01Z',
  events: [
    { type: 'queued', detail: '', occurred_at: '2026-11-25T10:00:00Z' },
    { type: 'sent', detail: '', occurred_at: '2026-11-25T10:00:01Z' },
    { type: 'delivery_delayed', detail: 'The receiving server is slow', occurred_at: '2026-11-25T10:01:00Z' },
    { type: 'bounced', detail: 'Permanent bounce: mailbox does not exist', occurred_at: '2026-11-25T10:05:00Z' },
  ],
  preview: 'Hi Mia',
};

const overview = {
  days: Array.from({ length: 30 }, (_, i) => ({ date: `2026-11-${String(i + 1).padStart(2, '0')}`, counts: i === 24 ? { bounced: 1, delivered: 3 } : {} })),
  attention: { failed: 2, bounced: 1, complained: 0, stuck: 0, suppressed_addresses: 1 },
};

function server() {
  return fakeServer({
    'GET /api/auth/session': json(200, signedIn('support')),
    'GET /api/admin/emails/overview': json(200, overview),
    'GET /api/admin/emails': (req) => json(200, { items: [{ ...bounced, id: req.search.includes('cursor=') ? 'e2' : 'e1' }], next_cursor: 'c2' }),
  });
}

const searches = (s: ReturnType<typeof server>) => s.calls('GET', '/api/admin/emails').map((r) => r.search);

describe('emails page', () => {
  it('builds the list query from the address, and keeps the filters in it', async () => {
    const s = server();
    renderApp(`/admin/emails?status=bounced&kind=welcome&q=mia&contact_id=${CONTACT}&from=2026-11-01&to=2026-11-30`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Emails' }, { timeout: 3000 })).toBeInTheDocument();
    await waitFor(() => expect(searches(s)[0]).toBe(`?status=bounced&kind=welcome&q=mia&contact_id=${CONTACT}&from=2026-11-01&to=2026-11-30`));

    const filters = screen.getByRole('search', { name: 'Filter the email log' });
    expect(within(filters).getByLabelText('Status')).toHaveValue('bounced');
    expect(within(filters).getByLabelText('Kind')).toHaveValue('welcome');
    expect(within(filters).getByLabelText('Address')).toHaveValue('mia');
    expect(within(filters).getByLabelText('From')).toHaveValue('2026-11-01');
    expect(within(filters).getByLabelText('To (inclusive)')).toHaveValue('2026-11-30');
    expect(screen.getByText(/Showing the emails of/)).toBeInTheDocument();

    const user = userEvent.setup();
    await user.selectOptions(within(filters).getByLabelText('Kind'), 'Test (sent to staff)');
    await user.clear(within(filters).getByLabelText('Address'));
    await user.type(within(filters).getByLabelText('Address'), 'jo');
    await user.click(screen.getByRole('button', { name: 'Show every contact’s emails' }));
    const want = '?status=bounced&kind=test&q=jo&from=2026-11-01&to=2026-11-30';
    await waitFor(() => expect(searches(s)).toContain(want));
    expect(window.location.search).toBe(want);

    await user.click(await screen.findByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(searches(s)).toContain(`${want}&cursor=c2`));
  });

  it('shows each email with its status badge and timeline, new statuses included', async () => {
    server();
    renderApp('/admin/emails');
    const log = await screen.findByRole('region', { name: 'Email log' }, { timeout: 3000 });
    const item = (await within(log).findByRole('heading', { level: 3, name: 'Your access to Pottery 101' })).closest('li') as HTMLElement;
    expect(within(item).getAllByText('Bounced')[0]).toHaveClass('email-status', 'email-status-bounced');
    const timeline = within(item).getByRole('list', { name: /Delivery timeline/ });
    expect(within(timeline).getAllByRole('listitem').map((li) => li.querySelector('.timeline-type')?.textContent)).toEqual([
      'Queued',
      'Sent',
      'Delayed',
      'Bounced',
    ]);
    expect(within(timeline).getByText('Permanent bounce: mailbox does not exist')).toBeInTheDocument();
    expect(within(item).getByRole('button', { name: /^Retry/ })).toBeInTheDocument();
    expect(within(item).getByText('Show what was sent')).toBeInTheDocument();
  });

  it('says “Captured (not sent)” for a sent email when email stays local, a label only: filters and the stored status unchanged', async () => {
    const sent = { ...bounced, status: 'sent', status_reason: '', events: bounced.events.slice(0, 2) };
    const server = fakeServer({
      'GET /api/auth/session': json(200, signedIn('owner', { mail_captured: true })),
      'GET /api/admin/emails/overview': json(200, overview),
      'GET /api/admin/emails': json(200, { items: [sent], next_cursor: '' }),
    });
    renderApp('/admin/emails?status=sent');
    const log = await screen.findByRole('region', { name: 'Email log' }, { timeout: 3000 });
    const item = (await within(log).findByRole('heading', { level: 3, name: 'Your access to Pottery 101' })).closest('li') as HTMLElement;
    const badge = within(item).getAllByText('Captured (not sent)')[0];
    expect(badge).toHaveClass('email-status', 'email-status-sent');
    const timeline = within(item).getByRole('list', { name: /Delivery timeline/ });
    expect(within(timeline).getAllByRole('listitem').map((li) => li.querySelector('.timeline-type')?.textContent)).toEqual([
      'Queued',
      'Captured (not sent)',
    ]);
    expect(item).toHaveTextContent(/Captured Nov 25, 2026/); // when it reached the mailbox
    const note = screen.getByText(/Email is captured, not sent:/).closest('p') as HTMLElement;
    expect(note).toHaveTextContent('no email leaves this machine');
    expect(within(note).getByRole('link', { name: 'Mailbox' })).toHaveAttribute('href', '/admin/mailbox');
    // The filter keeps its word and its value; the query asks for status=sent as ever.
    const status = within(screen.getByRole('search', { name: 'Filter the email log' })).getByLabelText('Status');
    expect(status).toHaveValue('sent');
    expect(within(status).getByRole('option', { name: 'Sent' })).toBeInTheDocument();
    expect(server.calls('GET', '/api/admin/emails')[0].search).toBe('?status=sent');
  });

  it('says “Sent” when email really goes out', async () => {
    fakeServer({
      'GET /api/auth/session': json(200, signedIn('support')),
      'GET /api/admin/emails/overview': json(200, overview),
      'GET /api/admin/emails': json(200, { items: [{ ...bounced, status: 'sent', events: [] }], next_cursor: '' }),
    });
    renderApp('/admin/emails');
    const log = await screen.findByRole('region', { name: 'Email log' }, { timeout: 3000 });
    expect(await within(log).findByText('Sent', { selector: '.badge' })).toBeInTheDocument();
    expect(screen.queryByText(/Captured/)).not.toBeInTheDocument();
  });

  it('names the sign-in notice, offers it as a filter, and retries it without talk of a fresh link', async () => {
    const notice = { ...bounced, kind: 'sign_in_added', subject: 'A new sign-in method was added to your Gatehouse account', status: 'failed', events: [] };
    fakeServer({
      'GET /api/auth/session': json(200, signedIn('support')),
      'GET /api/admin/emails/overview': json(200, overview),
      'GET /api/admin/emails': json(200, { items: [notice], next_cursor: '' }),
    });
    renderApp('/admin/emails');
    const log = await screen.findByRole('region', { name: 'Email log' }, { timeout: 3000 });
    const item = (await within(log).findByRole('heading', { level: 3, name: notice.subject })).closest('li') as HTMLElement;
    expect(within(item).getByText('Sign-in method added')).toBeInTheDocument();
    const filters = screen.getByRole('search', { name: 'Filter the email log' });
    expect(within(within(filters).getByLabelText('Kind')).getByRole('option', { name: 'Sign-in method added' })).toHaveValue('sign_in_added');
    await userEvent.setup().click(within(item).getByRole('button', { name: /^Retry/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Retry this email?' });
    expect(dialog).toHaveTextContent('again as a new email. The failed one stays in the history.');
    expect(dialog).not.toHaveTextContent('fresh link');
  });

  it('links each attention card to the filtered list, which reads the filter from the address', async () => {
    const s = server();
    renderApp('/admin/emails');
    const overviewRegion = await screen.findByRole('region', { name: 'Delivery overview' }, { timeout: 3000 });
    const failed = await within(overviewRegion).findByRole('link', { name: '2 failed emails in the last 7 days' });
    const since = utcDay(new Date(), 7);
    expect(failed).toHaveAttribute('href', `/admin/emails?status=failed&from=${since}`);
    expect(within(overviewRegion).getByRole('link', { name: '1 address suppressed after a bounce or spam report: not emailed' })).toHaveAttribute(
      'href',
      '/admin/contacts?status=suppressed',
    );
    expect(within(overviewRegion).getByRole('img')).toHaveAccessibleName(/4 emails in all \(3 delivered, 1 bounced\)/);

    await userEvent.setup().click(failed);
    await waitFor(() => expect(searches(s)).toContain(`?status=failed&from=${since}`));
    expect(screen.getByLabelText('Status')).toHaveValue('failed');
    expect(screen.getByRole('heading', { level: 2, name: 'Email log' })).toHaveFocus();
  });

  it('reads and checks filters', () => {
    expect(emailFiltersFrom(new URLSearchParams('status=failed&q=%20mia%20&kind=&cursor=x&other=1'))).toEqual({ status: 'failed', q: 'mia' });
    expect(emailFilterProblems({ from: '2026-11-30', to: '2026-11-01' })).toEqual({ to: 'This is before the “From” date: no email can match.' });
    expect(emailFilterProblems({ from: 'yesterday' })).toEqual({ from: 'Use a date like 2026-11-26.' });
    expect(utcDay(new Date('2026-11-26T23:30:00Z'), 7)).toBe('2026-11-19');
  });
});
