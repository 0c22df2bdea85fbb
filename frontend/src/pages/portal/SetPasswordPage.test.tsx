import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { forgetFailedLink } from '../../lib/linkToken';
import { ANONYMOUS, fakeServer, json, noContent, signedIn } from '../../testing/fakeServer';
import { renderApp } from '../../testing/renderApp';

afterEach(() => {
  forgetFailedLink();
  window.sessionStorage.clear();
});

/** What the page keeps in this tab's sessionStorage while it is open (and a reload finds). */
function kept(): { key?: Record<string, string>; state?: Record<string, unknown> } | null {
  return JSON.parse(window.sessionStorage.getItem('gatehouse.link') ?? 'null');
}

const TOKEN = 'abcDEF123_-xyz';

describe('SetPasswordPage', () => {
  it('reads the token from the fragment, removes it from the URL and only checks the link on load', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'POST /api/auth/check-link': json(200, { purpose: 'welcome', email: 'jane@example.com', min_password_length: 12 }),
    });
    renderApp(`/set-password#token=${TOKEN}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Choose your password' })).toBeInTheDocument();
    expect(screen.getByText('jane@example.com')).toBeInTheDocument();
    expect(window.location.hash).toBe('');
    expect(window.location.href).not.toContain(TOKEN);
    expect(window.location.pathname).toBe('/set-password');
    expect(server.calls('POST', '/api/auth/check-link')[0].body).toEqual({ token: TOKEN });
    expect(server.calls('POST', '/api/auth/reset-password')).toHaveLength(0);
    expect(screen.getByLabelText('New password')).toHaveAttribute('autocomplete', 'new-password');
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(/at least 12 characters/);
  });

  it('shows the expired-link page on 410 and can ask for a new link', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'POST /api/auth/check-link': json(410, { code: 'token_expired', message: 'This link has expired or was replaced by a newer one.' }),
      'POST /api/auth/renew-link': json(202, { message: 'If that link belonged to an account, a new one is on its way.' }),
    });
    renderApp(`/reset#token=${TOKEN}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'This link has expired' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/link-expired');
    expect(window.location.href).not.toContain(TOKEN);
    // One primary action: a new link for the link's account; signing in and forgot password are links.
    const renew = screen.getByRole('button', { name: 'Send me a new link' });
    expect(renew).toHaveClass('btn-primary');
    expect(within(screen.getByRole('main')).getByRole('link', { name: 'Sign in' })).not.toHaveClass('btn-primary');
    expect(screen.getByRole('link', { name: 'Forgot your password?' })).toHaveAttribute('href', '/forgot-password');
    expect(kept()).toBeNull(); // the dead link is not kept for a reload

    const user = userEvent.setup();
    await user.click(renew);
    await waitFor(() => expect(screen.getAllByRole('status')[0]).toHaveTextContent('a new one is on its way'));
    expect(server.calls('POST', '/api/auth/renew-link')[0].body).toEqual({ token: TOKEN });
    expect(server.calls('POST', '/api/auth/reset-password')).toHaveLength(0);
  });

  it('says plainly when a link was already used', async () => {
    fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'POST /api/auth/check-link': json(410, { code: 'token_used', message: 'This link was already used.' }),
    });
    renderApp(`/set-password#token=${TOKEN}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'This link was already used' })).toBeInTheDocument();
    // A password was chosen with it: signing in is the one primary action, a new link the other way.
    expect(within(screen.getByRole('main')).getByRole('link', { name: 'Sign in' })).toHaveClass('btn-primary');
    expect(screen.getByRole('button', { name: 'Send me a new link' })).toHaveClass('btn-secondary');
    expect(screen.queryByText(/Setting up this portal/)).not.toBeInTheDocument();
  });

  it('without a token shows the expired page with the forgot-password form', async () => {
    const server = fakeServer({ 'GET /api/auth/session': json(200, ANONYMOUS) });
    renderApp('/reset');
    expect(await screen.findByRole('heading', { level: 1, name: 'This link has expired or was already used' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send me a new link' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toBeInTheDocument();
    expect(server.calls('POST', '/api/auth/check-link')).toHaveLength(0);
  });

  it('checks that the passwords match before submitting', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'POST /api/auth/check-link': json(200, { purpose: 'reset', email: 'jane@example.com', min_password_length: 12 }),
    });
    renderApp(`/reset#token=${TOKEN}`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('New password'), 'a long enough phrase');
    await user.type(screen.getByLabelText('Confirm new password'), 'a long enough phrasE');
    await user.click(screen.getByRole('button', { name: 'Save new password' }));
    const confirm = screen.getByLabelText('Confirm new password');
    expect(confirm).toHaveAttribute('aria-invalid', 'true');
    expect(confirm).toHaveAccessibleDescription(/passwords don't match/);
    expect(server.calls('POST', '/api/auth/reset-password')).toHaveLength(0);
  });

  it('shows the server reason for a weak password on the field', async () => {
    fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'POST /api/auth/check-link': json(200, { purpose: 'reset', email: 'jane@example.com', min_password_length: 12 }),
      'POST /api/auth/reset-password': json(422, {
        code: 'weak_password',
        message: 'This password is too common.',
        fields: { password: 'This password is too common.' },
      }),
    });
    renderApp(`/reset#token=${TOKEN}`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('New password'), 'password1234');
    await user.type(screen.getByLabelText('Confirm new password'), 'password1234');
    await user.click(screen.getByRole('button', { name: 'Save new password' }));
    const input = screen.getByLabelText('New password');
    await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'));
    expect(input).toHaveAccessibleDescription(/too common/);
    expect(input).toHaveFocus();
  });

  it('submits, signs the member in and goes to their offers', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'POST /api/auth/check-link': json(200, { purpose: 'welcome', email: 'jane@example.com', min_password_length: 12 }),
      'POST /api/auth/reset-password': json(200, signedIn('member')),
      'GET /api/portal/offers': json(200, {
        items: [{ id: 'o1', name: 'Pottery 101', description: 'Learn to throw.', content_links: [{ label: 'Lesson 1', url: 'https://example.com/1' }], granted_at: '2026-11-01T10:00:00Z' }],
      }),
    });
    renderApp(`/set-password#token=${TOKEN}`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('New password'), 'tea kettle 🫖 mountain');
    await user.type(screen.getByLabelText('Confirm new password'), 'tea kettle 🫖 mountain');
    await user.click(screen.getByRole('button', { name: 'Save password and continue' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'My offers' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/offers');
    expect(server.calls('POST', '/api/auth/reset-password')[0].body).toEqual({ token: TOKEN, password: 'tea kettle 🫖 mountain' });
    expect(kept()).toBeNull(); // used: gone from the tab
    const link = await screen.findByRole('link', { name: /Lesson 1/ });
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('goes to the expired page when the link dies between check and submit', async () => {
    fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'POST /api/auth/check-link': json(200, { purpose: 'reset', email: 'jane@example.com', min_password_length: 12 }),
      'POST /api/auth/reset-password': json(410, { code: 'token_used', message: 'This link was already used.' }),
    });
    renderApp(`/reset#token=${TOKEN}`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('New password'), 'a long enough phrase');
    await user.type(screen.getByLabelText('Confirm new password'), 'a long enough phrase');
    await user.click(screen.getByRole('button', { name: 'Save new password' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'This link was already used' })).toBeInTheDocument();
  });
});

describe('SetPasswordPage: the link lives in this tab for the page\'s life', () => {
  const WELCOME = { purpose: 'welcome', email: 'jane@example.com', min_password_length: 12 };

  it('keeps the opened link in sessionStorage, not in the address', async () => {
    fakeServer({ 'GET /api/auth/session': json(200, ANONYMOUS), 'POST /api/auth/check-link': json(200, WELCOME) });
    renderApp(`/set-password#token=${TOKEN}`);
    await screen.findByRole('heading', { level: 1, name: 'Choose your password' });
    expect(window.location.href).not.toContain(TOKEN);
    expect(kept()).toEqual({ key: { token: TOKEN }, state: WELCOME });
  });

  it('a reload (no fragment any more) finds the link again and the form works', async () => {
    // What the page left in the tab before the reload.
    window.sessionStorage.setItem('gatehouse.link', JSON.stringify({ key: { token: TOKEN }, state: WELCOME }));
    const server = fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'POST /api/auth/check-link': json(200, WELCOME),
      'POST /api/auth/reset-password': json(200, signedIn('member')),
      'GET /api/portal/offers': json(200, { items: [] }),
    });
    renderApp('/set-password');
    expect(await screen.findByRole('heading', { level: 1, name: 'Choose your password' })).toBeInTheDocument();
    expect(server.calls('POST', '/api/auth/check-link')[0].body).toEqual({ token: TOKEN });

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('New password'), 'a long enough phrase');
    await user.type(screen.getByLabelText('Confirm new password'), 'a long enough phrase');
    await user.click(screen.getByRole('button', { name: 'Save password and continue' }));
    await screen.findByRole('heading', { level: 1, name: 'My offers' });
    expect(server.calls('POST', '/api/auth/reset-password')[0].body).toEqual({ token: TOKEN, password: 'a long enough phrase' });
    expect(kept()).toBeNull();
  });

  it("the owner's first-run link opened already used says so from the server's answer, with no email offered", async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'POST /api/auth/check-link': json(410, { code: 'token_used', message: 'This link was already used.', staff_setup: true }),
    });
    renderApp(`/set-password#token=${TOKEN}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'This link was already used' })).toBeInTheDocument();
    expect(screen.getByText('A password was already chosen with this staff set-up link: sign in with it.')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Setting up this portal as its owner?' })).toHaveTextContent(/gatehouse admin create/);
    expect(screen.queryByRole('button', { name: 'Send me a new link' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send reset link' })).not.toBeInTheDocument();
    expect(server.calls('POST', '/api/auth/renew-link')).toHaveLength(0);
  });

  it("the owner's first-run link, dead on reload, says how to get a fresh one and offers no email", async () => {
    const owner = { purpose: 'set_password', email: 'owner@example.com', min_password_length: 15 };
    window.sessionStorage.setItem('gatehouse.link', JSON.stringify({ key: { token: TOKEN }, state: owner }));
    const server = fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'POST /api/auth/check-link': json(410, { code: 'token_expired', message: 'This link has expired or was replaced by a newer one.' }),
    });
    renderApp('/set-password');
    expect(await screen.findByRole('heading', { level: 1, name: 'This link has expired' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Setting up this portal as its owner?' })).toHaveTextContent(
      /gatehouse prints a fresh link every time it starts, until the owner's password is set.*gatehouse admin create/,
    );
    expect(screen.queryByRole('button', { name: 'Send me a new link' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send reset link' })).not.toBeInTheDocument();
    expect(server.calls('POST', '/api/auth/renew-link')).toHaveLength(0);
  });

  it('a link never seen working keeps the owner hint out of the way', async () => {
    fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'POST /api/auth/check-link': json(410, { code: 'token_expired', message: 'This link has expired or was replaced by a newer one.' }),
    });
    renderApp(`/set-password#token=${TOKEN}`);
    await screen.findByRole('heading', { level: 1, name: 'This link has expired' });
    const hint = screen.getByText('Setting up this portal as its owner?').closest('details');
    expect(hint).not.toHaveAttribute('open');
    expect(screen.getByRole('button', { name: 'Send me a new link' })).toHaveClass('btn-primary');
  });

  it('a code from an email (kept by the sign-in page) opens the same form and is what is posted', async () => {
    const key = { email: 'jane@example.com', code: '123 456' };
    window.sessionStorage.setItem('gatehouse.link', JSON.stringify({ key }));
    const server = fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'POST /api/auth/check-link': json(200, { ...WELCOME, purpose: 'reset' }),
      'POST /api/auth/reset-password': json(200, signedIn('member')),
      'GET /api/portal/offers': json(200, { items: [] }),
    });
    renderApp('/reset');
    expect(await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })).toBeInTheDocument();
    expect(server.calls('POST', '/api/auth/check-link')[0].body).toEqual(key);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('New password'), 'a long enough phrase');
    await user.type(screen.getByLabelText('Confirm new password'), 'a long enough phrase');
    await user.click(screen.getByRole('button', { name: 'Save new password' }));
    await screen.findByRole('heading', { level: 1, name: 'My offers' });
    expect(server.calls('POST', '/api/auth/reset-password')[0].body).toEqual({ ...key, password: 'a long enough phrase' });
    expect(kept()).toBeNull();
  });

  it('a code that stopped working shows the expired page without a renew button', async () => {
    window.sessionStorage.setItem('gatehouse.link', JSON.stringify({ key: { email: 'jane@example.com', code: '123456' } }));
    fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'POST /api/auth/check-link': json(410, { code: 'code_dead', message: 'Too many wrong tries: this code no longer works. Ask for a new email.' }),
    });
    renderApp('/set-password');
    expect(await screen.findByRole('heading', { level: 1, name: 'This code no longer works' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send me a new link' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send reset link' })).toHaveClass('btn-primary');
  });
});

describe('SetPasswordPage: a link opened while signed in as someone else', () => {
  const TOMS = { purpose: 'welcome', email: 'tom@example.com', min_password_length: 12 };

  it('says whose link it is and signs out only when asked, then shows the form', async () => {
    const server = fakeServer({
      'GET /api/auth/session': [json(200, signedIn('owner', { contact: { id: 'c-0', email: 'owner@example.com', name: '', role: 'owner' } })), json(200, ANONYMOUS)],
      'POST /api/auth/check-link': json(200, TOMS),
      'POST /api/auth/logout': noContent(),
    });
    renderApp(`/set-password#token=${TOKEN}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'This link is for someone else' })).toBeInTheDocument();
    expect(screen.getByText(/You are signed in as/)).toHaveTextContent('You are signed in as owner@example.com; this link is for tom@example.com.');
    expect(screen.queryByLabelText('New password')).not.toBeInTheDocument();
    expect(server.calls('POST', '/api/auth/logout')).toHaveLength(0);

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Continue as tom@example.com (signs you out)' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Choose your password' })).toBeInTheDocument();
    expect(server.calls('POST', '/api/auth/logout')).toHaveLength(1);
    expect(screen.getByText('tom@example.com')).toBeInTheDocument();
  });

  it('Cancel keeps the session, forgets the link and goes home', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, signedIn('member')),
      'POST /api/auth/check-link': json(200, TOMS),
      'GET /api/portal/offers': json(200, { items: [] }),
    });
    renderApp(`/set-password#token=${TOKEN}`);
    await screen.findByRole('heading', { level: 1, name: 'This link is for someone else' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'My offers' })).toBeInTheDocument();
    expect(server.calls('POST', '/api/auth/logout')).toHaveLength(0);
    expect(kept()).toBeNull();
  });

  it('the same person signed in sees the form straight away', async () => {
    fakeServer({
      'GET /api/auth/session': json(200, signedIn('member')),
      'POST /api/auth/check-link': json(200, { ...TOMS, email: 'Jane@Example.com' }),
    });
    renderApp(`/set-password#token=${TOKEN}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Choose your password' })).toBeInTheDocument();
  });
});
