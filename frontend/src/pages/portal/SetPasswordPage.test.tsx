import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setCsrfToken } from '../../api/client';
import { forgetFailedLink } from '../../lib/linkToken';
import { ANONYMOUS, fakeServer, json, signedIn } from '../../testing/fakeServer';
import { renderApp } from '../../testing/renderApp';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  forgetFailedLink();
});

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
    // The forgot-password form is there as a fallback.
    expect(screen.getByRole('button', { name: 'Send reset link' })).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Send me a new link' }));
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
    expect(screen.getByRole('button', { name: 'Send me a new link' })).toBeInTheDocument();
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
