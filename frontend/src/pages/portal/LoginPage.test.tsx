import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ANONYMOUS, fakeServer, json, signedIn, validationFailed } from '../../testing/fakeServer';
import { renderApp } from '../../testing/renderApp';

async function fillAndSubmit(email: string, password: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Email'), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginPage', () => {
  it('maps the server fields onto the inputs and focuses the first invalid one', async () => {
    fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'POST /api/auth/login': validationFailed({ email: 'Enter an email address like name@example.com.', password: 'That password is too long.' }),
    });
    renderApp('/login');
    await fillAndSubmit('not-an-email', 'x');

    const email = screen.getByLabelText('Email');
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(email).toHaveAccessibleDescription(/Enter an email address like name@example\.com\./);
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(/That password is too long\./);
    expect(email).toHaveFocus();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows invalid_credentials in an alert', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'POST /api/auth/login': json(401, {
        code: 'invalid_credentials',
        message: "That email and password don't match an account.",
        request_id: 'r1',
      }),
    });
    renderApp('/login');
    await fillAndSubmit('jane@example.com', 'wrong password');

    expect(await screen.findByRole('alert')).toHaveTextContent("That email and password don't match an account.");
    expect(screen.getByLabelText('Email')).not.toHaveAttribute('aria-invalid');
    expect(server.calls('POST', '/api/auth/login')[0].body).toEqual({ email: 'jane@example.com', password: 'wrong password' });
  });

  it('checks empty fields before asking the server', async () => {
    const server = fakeServer({ 'GET /api/auth/session': json(200, ANONYMOUS) });
    renderApp('/login');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(/Enter your email address/);
    expect(server.calls('POST', '/api/auth/login')).toHaveLength(0);
  });

  it('signs a member in and goes to their offers', async () => {
    fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'POST /api/auth/login': json(200, signedIn('member')),
      'GET /api/portal/offers': json(200, { items: [] }),
    });
    renderApp('/login');
    await fillAndSubmit('jane@example.com', 'correct horse battery');
    expect(await screen.findByRole('heading', { level: 1, name: 'My offers' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/offers');
    expect(await screen.findByText('No offers yet.')).toBeInTheDocument();
  });

  it('honours a safe ?next= and ignores one to another host', async () => {
    fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'POST /api/auth/login': json(200, signedIn('member')),
      'GET /api/portal/communities': json(200, { items: [] }),
      'GET /api/portal/offers': json(200, { items: [] }),
    });
    renderApp('/login?next=%2Fcommunities');
    await fillAndSubmit('jane@example.com', 'correct horse battery');
    await screen.findByRole('heading', { level: 1, name: 'My communities' });
    expect(window.location.pathname).toBe('/communities');
  });

  it('names the app a sign-in continues to, asking the server (not the address) for its name', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'GET /api/auth/sign-in-target': json(200, { app: { id: 'a1', name: 'Course site' } }),
    });
    renderApp('/login?next=%2Foauth%2Fcontinue%3Fid%3Dabc');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to continue to Course site' })).toBeInTheDocument();
    expect(server.calls('GET', '/api/auth/sign-in-target')[0].search).toBe('?next=%2Foauth%2Fcontinue%3Fid%3Dabc');
  });

  it('asks for no app name on an ordinary sign-in', async () => {
    const server = fakeServer({ 'GET /api/auth/session': json(200, ANONYMOUS) });
    renderApp('/login?next=%2Fcommunities');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(server.calls('GET', '/api/auth/sign-in-target')).toHaveLength(0);
  });

  it('sends a temporary password to /choose-password', async () => {
    fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'POST /api/auth/login': json(200, signedIn('member', { must_change_password: true })),
    });
    renderApp('/login?next=%2F%2Fevil.example');
    await fillAndSubmit('jane@example.com', 'temporary-password-1');
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' });
    expect(window.location.pathname).toBe('/choose-password');
    expect(screen.queryByLabelText('Current password')).not.toBeInTheDocument();
  });
});
