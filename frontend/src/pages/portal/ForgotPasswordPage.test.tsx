import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ANONYMOUS, fakeServer, json, validationFailed } from '../../testing/fakeServer';
import { renderApp } from '../../testing/renderApp';

const NEUTRAL = 'If an account exists for that address, we have sent an email to it. Check your inbox and spam folder.';

describe('ForgotPasswordPage', () => {
  it('shows the neutral confirmation in a status region', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'POST /api/auth/forgot-password': json(202, { message: NEUTRAL }),
    });
    renderApp('/forgot-password');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Email'), 'someone@example.com');
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));

    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent(NEUTRAL);
    expect(status).toHaveTextContent(/spam/i);
    expect(server.calls('POST', '/api/auth/forgot-password')[0].body).toEqual({ email: 'someone@example.com' });
    expect(screen.queryByLabelText('Email')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to sign in' })).toHaveAttribute('href', '/login');
  });

  it('maps a malformed email onto the field', async () => {
    fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'POST /api/auth/forgot-password': validationFailed({ email: 'Enter an email address like name@example.com.' }),
    });
    renderApp('/forgot-password');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Email'), 'a@b');
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));
    const input = screen.getByLabelText('Email');
    await vi.waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'));
    expect(input).toHaveAccessibleDescription(/Enter an email address like name@example\.com/);
  });

  it('shows a rate limit in an alert', async () => {
    fakeServer({
      'GET /api/auth/session': json(200, ANONYMOUS),
      'POST /api/auth/resend-access': json(429, { code: 'rate_limited', message: 'Too many attempts. Please wait a little and try again.' }, { 'Retry-After': '60' }),
    });
    renderApp('/resend-access');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Email'), 'someone@example.com');
    await user.click(screen.getByRole('button', { name: 'Send my access email again' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts');
  });
});
