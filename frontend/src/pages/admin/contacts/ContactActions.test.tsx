import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, json, signedIn } from '../../../testing/fakeServer';
import { CONTACT_ID, OFFER_ID, contactRecord } from '../../../testing/records';
import { renderApp } from '../../../testing/renderApp';

const PATH = `/api/admin/contacts/${CONTACT_ID}`;

const contact = {
  ...contactRecord,
  active_sessions: 1,
  pending_links: 1,
  offers: [
    {
      offer_id: OFFER_ID,
      offer_name: 'Pottery 101',
      archived: false,
      granted_at: '2026-11-21T10:00:00Z',
      welcome_email: { id: 'e1', status: 'failed', status_reason: 'Mailbox unavailable', created_at: '2026-11-21T10:00:00Z' },
    },
  ],
  communities: [{ id: 'k1', name: 'Makers', description: '', url: '', direct: false, via_offers: ['Pottery 101'] }],
};

function record(role: 'support' | 'admin' | 'owner', extra: Record<string, unknown> = {}) {
  return fakeServer({
    'GET /api/auth/session': json(200, signedIn(role)),
    [`GET ${PATH}`]: json(200, contact),
    [`GET ${PATH}/emails`]: json(200, { items: [], next_cursor: '' }),
    [`GET ${PATH}/events`]: json(200, { items: [], next_cursor: '' }),
    'GET /api/admin/offers': json(200, { items: [], next_cursor: '' }),
    'GET /api/admin/communities': json(200, { items: [], next_cursor: '' }),
    ...extra,
  });
}

async function openRecord() {
  renderApp(`/admin/contacts/${CONTACT_ID}`);
  expect(await screen.findByRole('heading', { level: 1, name: 'Mia Member' }, { timeout: 3000 })).toBeInTheDocument();
  return userEvent.setup();
}

describe('contact record actions', () => {
  it('Resend asks first, naming the offer and the address, then sends', async () => {
    const server = record('support', {
      [`POST ${PATH}/offers/${OFFER_ID}/resend`]: json(202, { email_id: 'e2', status: 'queued', deduplicated: false }),
    });
    const user = await openRecord();
    const offers = screen.getByRole('region', { name: 'Offers' });
    expect(within(offers).getByText('Mailbox unavailable')).toBeInTheDocument();
    await user.click(within(offers).getByRole('button', { name: /^Resend.*Pottery 101 welcome email$/ }));

    const dialog = screen.getByRole('dialog', { name: 'Resend the Pottery 101 welcome email?' });
    expect(dialog).toHaveTextContent(
      'Send the Pottery 101 welcome email to mia@example.com again, with a new link to choose a password. The previous link stops working.',
    );
    expect(server.calls('POST', `${PATH}/offers/${OFFER_ID}/resend`)).toHaveLength(0); // nothing before confirming
    await user.click(within(dialog).getByRole('button', { name: 'Resend email' }));

    expect(await within(offers).findByText(/The Pottery 101 welcome email to mia@example\.com is queued with a new link/)).toBeInTheDocument();
    expect(server.calls('POST', `${PATH}/offers/${OFFER_ID}/resend`)[0].headers['x-csrf-token']).toBe('csrf-123');
  });

  it('support sees Resend but not Revoke or Change password', async () => {
    record('support');
    await openRecord();
    const offers = screen.getByRole('region', { name: 'Offers' });
    expect(within(offers).getByRole('button', { name: /^Resend/ })).toBeInTheDocument();
    expect(within(offers).queryByRole('button', { name: /^Revoke/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Change password' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send password reset link' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Disable account/ })).not.toBeInTheDocument();
  });

  it('admin sees Revoke, which is destructive and confirmed', async () => {
    record('admin');
    const user = await openRecord();
    await user.click(screen.getByRole('button', { name: /^Revoke.*Pottery 101$/ }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke Pottery 101?' });
    expect(dialog).toHaveTextContent('Mia Member (mia@example.com) loses access to Pottery 101');
    expect(within(dialog).getByRole('button', { name: 'Revoke offer' })).toHaveClass('btn-danger');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('Change password: typed by default, temporary and notified, and a generated password is shown once', async () => {
    const server = record('admin', {
      [`POST ${PATH}/password`]: json(200, { temporary: true, notified: true, password: 'gV7-kq2T-Lm9x-Wp4z-Hn8c' }),
    });
    const user = await openRecord();
    await user.click(screen.getByRole('button', { name: 'Change password' }));

    let dialog = screen.getByRole('dialog', { name: 'Change the password of Mia Member' });
    expect(within(dialog).getByLabelText('Type a password')).toBeChecked();
    expect(within(dialog).getByLabelText('Password')).toHaveAccessibleDescription(/at least 12 characters/);
    expect(within(dialog).getByLabelText('Require a new password at next sign-in')).toBeChecked();
    expect(within(dialog).getByLabelText('Email the member that their password changed')).toBeChecked();
    expect(dialog).toHaveTextContent('The email never contains the password');

    await user.click(within(dialog).getByLabelText('Generate one'));
    await user.click(within(dialog).getByRole('button', { name: 'Generate and change password' }));

    dialog = await screen.findByRole('dialog', { name: 'Password changed' });
    expect(server.calls('POST', `${PATH}/password`)[0].body).toEqual({ generate: true, temporary: true, notify: true });
    const shown = within(dialog).getByLabelText('Generated password');
    expect(shown).toHaveValue('gV7-kq2T-Lm9x-Wp4z-Hn8c');
    expect(shown).toHaveAttribute('readonly');
    expect(shown).toHaveAccessibleDescription(/Shown only once/);

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByDisplayValue('gV7-kq2T-Lm9x-Wp4z-Hn8c')).not.toBeInTheDocument();
    expect(await screen.findByText(/must choose their own at the next sign-in/)).toBeInTheDocument();

    // Opening the dialog again starts over: the password is not shown again.
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(screen.getByRole('dialog', { name: 'Change the password of Mia Member' })).not.toHaveTextContent('gV7-kq2T');
  });

  it('Change password with a typed one maps a weak-password answer onto the input', async () => {
    record('owner', {
      [`POST ${PATH}/password`]: json(422, { code: 'weak_password', message: 'This password is too common.', fields: { password: 'This password is too common.' } }),
    });
    const user = await openRecord();
    await user.click(screen.getByRole('button', { name: 'Change password' })); // one button: Communities no longer repeats it
    const dialog = screen.getByRole('dialog', { name: 'Change the password of Mia Member' });
    await user.type(within(dialog).getByLabelText('Password'), 'password12345');
    await user.click(within(dialog).getByRole('button', { name: 'Change password' }));
    const input = within(dialog).getByLabelText('Password');
    await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'));
    expect(input).toHaveAccessibleDescription(/This password is too common\./);
    expect(input).toHaveFocus();
  });

  it('Copy access link: chosen lifetime, the URL shown once with a Copy button', async () => {
    const url = 'http://portal.example/set-password#token=abc123';
    const server = record('support', {
      [`POST ${PATH}/access-link`]: json(200, { url, expires_at: '2026-11-26T11:00:00Z' }),
    });
    const user = await openRecord();
    // After userEvent.setup(), which installs its own clipboard.
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.click(screen.getByRole('button', { name: 'Copy access link' }));

    let dialog = screen.getByRole('dialog', { name: 'Copy an access link' });
    expect(dialog).toHaveTextContent('nothing is emailed');
    const lifetime = within(dialog).getByLabelText('Link works for');
    expect([...(lifetime as HTMLSelectElement).options].map((o) => o.text)).toEqual(['15 minutes', '1 hour', '24 hours', '3 days', '7 days']);
    await user.selectOptions(lifetime, '1 hour');
    await user.click(within(dialog).getByRole('button', { name: 'Create link' }));

    dialog = await screen.findByRole('dialog', { name: 'Copy the link now' });
    expect(server.calls('POST', `${PATH}/access-link`)[0].body).toEqual({ ttl_minutes: 60 });
    expect(within(dialog).getByLabelText('Link')).toHaveValue(url);
    expect(dialog).toHaveTextContent(/Shown only once/);
    await user.click(within(dialog).getByRole('button', { name: /^Copy.*link$/ }));
    expect(writeText).toHaveBeenCalledWith(url);
    expect(await within(dialog).findByText('Copied to the clipboard.')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByDisplayValue(url)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Copy access link' }));
    expect(screen.queryByDisplayValue(url)).not.toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Copy an access link' })).toBeInTheDocument();
  });

  it('says plainly when the role is not allowed (403 forbidden)', async () => {
    record('admin', {
      [`POST ${PATH}/sign-out`]: json(403, { code: 'forbidden', message: 'You cannot act on an account with a higher role than yours.' }),
    });
    const user = await openRecord();
    await user.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    const dialog = screen.getByRole('dialog', { name: 'Sign Mia Member out everywhere?' });
    await user.click(within(dialog).getByRole('button', { name: 'Sign out everywhere' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Not allowed: You cannot act on an account with a higher role than yours. If it needs doing, ask an admin or the owner.',
    );
  });
});
