import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ANONYMOUS, fakeServer, json, signedIn, validationFailed } from '../../testing/fakeServer';
import { renderApp } from '../../testing/renderApp';

afterEach(() => {
  window.sessionStorage.clear();
});

const CODES_ON = { ...ANONYMOUS, code_sign_in: true };
const ACCEPTED = json(202, { message: 'If an account may sign in with a code, we have emailed one to that address.' });

/** From the sign-in page to the code step for jane@example.com. */
async function askForCode(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('link', { name: 'Email me a sign-in code' }));
  await screen.findByRole('heading', { level: 1, name: 'Sign in with a code' });
  await user.type(screen.getByLabelText('Email'), 'jane@example.com');
  await user.click(screen.getByRole('button', { name: 'Email me a code' }));
  return screen.findByLabelText('Sign-in code');
}

describe('Sign in with an emailed code', () => {
  it('is offered only when the portal allows it', async () => {
    fakeServer({ 'GET /api/auth/session': json(200, ANONYMOUS) });
    renderApp('/login');
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    expect(screen.queryByRole('link', { name: 'Email me a sign-in code' })).not.toBeInTheDocument();
    // The password form stays, whatever the setting.
    expect(screen.getByLabelText('Password')).toBeInTheDocument();
  });

  it('asks for a code, then takes it on the same page and lands in My offers', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, CODES_ON),
      'POST /api/auth/code': ACCEPTED,
      'POST /api/auth/code/verify': json(200, signedIn('member')),
      'GET /api/portal/offers': json(200, { items: [] }),
    });
    renderApp('/login');
    const user = userEvent.setup();
    const code = await askForCode(user);

    expect(server.calls('POST', '/api/auth/code')[0].body).toEqual({ email: 'jane@example.com' });
    expect(window.location.pathname).toBe('/login');
    expect(screen.getByRole('status')).toHaveTextContent(
      'We sent a code to jane@example.com if it has an account. It works in this browser for 10 minutes.',
    );
    expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    expect(code).toHaveAttribute('inputmode', 'numeric');
    expect(code).toHaveAccessibleDescription(/6 digits/);
    await waitFor(() => expect(code).toHaveFocus());

    await user.type(code, '123 456');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'My offers' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/offers');
    expect(server.calls('POST', '/api/auth/code/verify')[0].body).toEqual({ email: 'jane@example.com', code: '123 456' });
  });

  it('keeps the sign-in page\'s next path', async () => {
    fakeServer({
      'GET /api/auth/session': json(200, CODES_ON),
      'POST /api/auth/code': ACCEPTED,
      'POST /api/auth/code/verify': json(200, signedIn('member')),
      'GET /api/portal/communities': json(200, { items: [] }),
    });
    renderApp('/login?next=%2Fcommunities');
    const user = userEvent.setup();
    await user.type(await askForCode(user), '123456');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByRole('heading', { level: 1, name: 'My communities' });
    expect(window.location.pathname).toBe('/communities');
  });

  it('checks the code before asking the server, and shows the server\'s 422 on the field', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, CODES_ON),
      'POST /api/auth/code': ACCEPTED,
      'POST /api/auth/code/verify': validationFailed({ code: 'Enter the 6 digits from the email (spaces and dashes are fine).' }),
    });
    renderApp('/login?method=code');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Email'), 'jane@example.com');
    await user.click(screen.getByRole('button', { name: 'Email me a code' }));
    const code = await screen.findByLabelText('Sign-in code');

    await user.type(code, '12345');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(code).toHaveAccessibleDescription(/Enter the 6 digits from the email/);
    expect(server.calls('POST', '/api/auth/code/verify')).toHaveLength(0);

    await user.clear(code);
    await user.type(code, '123-456');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(server.calls('POST', '/api/auth/code/verify')).toHaveLength(1));
    await waitFor(() => expect(code).toHaveFocus());
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(code).toHaveAccessibleDescription(/spaces and dashes are fine/);
  });

  it('a wrong code is marked on the field', async () => {
    fakeServer({
      'GET /api/auth/session': json(200, CODES_ON),
      'POST /api/auth/code': ACCEPTED,
      'POST /api/auth/code/verify': json(401, {
        code: 'invalid_code',
        message: 'That code is not right, or it has expired. Check the newest email, or ask for a new one.',
        fields: { code: 'Not right, or expired.' },
      }),
    });
    renderApp('/login');
    const user = userEvent.setup();
    const code = await askForCode(user);
    await user.type(code, '000000');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(code).toHaveAttribute('aria-invalid', 'true'));
    expect(code).toHaveAccessibleDescription(/Not right, or expired/);
  });

  it('after too many wrong tries says to ask for a new code, with a button that does', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, CODES_ON),
      'POST /api/auth/code': ACCEPTED,
      'POST /api/auth/code/verify': json(410, {
        code: 'code_dead',
        message: 'Too many wrong tries: this code no longer works. Ask for a new email.',
        fields: { code: 'Ask for a new email.' },
      }),
    });
    renderApp('/login');
    const user = userEvent.setup();
    await user.type(await askForCode(user), '999999');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Too many wrong tries: this code no longer works. Ask for a new code.');
    await waitFor(() => expect(alert).toHaveFocus());
    expect(screen.getByLabelText('Sign-in code')).toHaveValue('');

    await user.click(screen.getByRole('button', { name: 'Email me a new code' }));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    expect(server.calls('POST', '/api/auth/code')).toHaveLength(2);
    expect(screen.getByRole('status')).toHaveTextContent('We sent a new code');
    expect(screen.getByLabelText('Sign-in code')).toHaveFocus();
  });

  it('shows a throttled request in an alert', async () => {
    fakeServer({
      'GET /api/auth/session': json(200, CODES_ON),
      'POST /api/auth/code': json(429, { code: 'rate_limited', message: 'Too many attempts. Please wait a little and try again.' }, { 'Retry-After': '60' }),
    });
    renderApp('/login?method=code');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Email'), 'jane@example.com');
    await user.click(screen.getByRole('button', { name: 'Email me a code' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts');
    expect(screen.queryByLabelText('Sign-in code')).not.toBeInTheDocument();
  });

  it('"Use a different email" goes back to the address, typed as it was', async () => {
    fakeServer({ 'GET /api/auth/session': json(200, CODES_ON), 'POST /api/auth/code': ACCEPTED });
    renderApp('/login');
    const user = userEvent.setup();
    await askForCode(user);
    await user.click(screen.getByRole('button', { name: 'Use a different email' }));
    expect(await screen.findByLabelText('Email')).toHaveValue('jane@example.com');
    expect(screen.queryByLabelText('Sign-in code')).not.toBeInTheDocument();
  });

  it('comes back at the code step when the tab reloads (phones drop tabs while the mail app is open)', async () => {
    window.sessionStorage.setItem('gatehouse.signInCode', JSON.stringify({ email: 'jane@example.com', at: Date.now() }));
    fakeServer({ 'GET /api/auth/session': json(200, CODES_ON) });
    renderApp('/login?method=code');
    expect(await screen.findByLabelText('Sign-in code')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('We sent a code to jane@example.com');
  });
});

describe('Have a code from an email?', () => {
  const RESET = { purpose: 'reset', email: 'jane@example.com', min_password_length: 12 };

  it('checks email and code, then opens the same choose-a-password page, which posts them', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'POST /api/auth/check-link': json(200, RESET),
      'POST /api/auth/reset-password': json(200, signedIn('member')),
      'GET /api/portal/offers': json(200, { items: [] }),
    });
    renderApp('/login');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('link', { name: 'Have a code from an email?' }));
    await screen.findByRole('heading', { level: 1, name: 'Use a code from an email' });
    await user.type(screen.getByLabelText('Email'), 'jane@example.com');
    const code = screen.getByLabelText('Code');
    expect(code).toHaveAttribute('inputmode', 'numeric');
    await user.type(code, '654 321');
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/reset');
    expect(server.calls('POST', '/api/auth/check-link')[0].body).toEqual({ email: 'jane@example.com', code: '654 321' });
    await user.type(screen.getByLabelText('New password'), 'a long enough phrase');
    await user.type(screen.getByLabelText('Confirm new password'), 'a long enough phrase');
    await user.click(screen.getByRole('button', { name: 'Save new password' }));
    await screen.findByRole('heading', { level: 1, name: 'My offers' });
    expect(server.calls('POST', '/api/auth/reset-password')[0].body).toEqual({
      email: 'jane@example.com',
      code: '654 321',
      password: 'a long enough phrase',
    });
  });

  it('maps a wrong code onto the field and a dead one to "ask for a new email"', async () => {
    fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'POST /api/auth/check-link': [
        json(401, { code: 'invalid_code', message: 'That code is not right, or it has expired.', fields: { code: 'Not right, or expired.' } }),
        json(410, { code: 'code_dead', message: 'Too many wrong tries: this code no longer works. Ask for a new email.', fields: { code: 'Ask for a new email.' } }),
      ],
    });
    renderApp('/login?method=email-code');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Email'), 'jane@example.com');
    const code = screen.getByLabelText('Code');
    await user.type(code, '111111');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(code).toHaveAccessibleDescription(/Not right, or expired/));

    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Too many wrong tries: this code no longer works.');
    expect(screen.getByRole('link', { name: 'ask for a new email' })).toHaveAttribute('href', '/forgot-password');
    expect(window.location.pathname).toBe('/login');
  });
});
