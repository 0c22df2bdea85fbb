import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, json, signedIn, validationFailed } from '../../../testing/fakeServer';
import { settingsRecord } from '../../../testing/records';
import { renderApp } from '../../../testing/renderApp';

const settings = {
  ...settingsRecord,
  portal_name: 'Acme Academy',
  sender_name: 'Acme',
  sender_address: 'hello@acme.example',
  sender_name_fallback: 'Acme Academy',
};

describe('settings', () => {
  it('shows the server’s field errors on their inputs and focuses the first', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, signedIn('admin')),
      'GET /api/admin/settings': json(200, settings),
      'PATCH /api/admin/settings': validationFailed({ sender_address: 'Enter an email address like name@example.com.', welcome_ttl_minutes: 'Choose between 15 minutes and 7 days (10,080 minutes).' }),
    });
    renderApp('/admin/settings');
    const sender = await screen.findByLabelText('Sender address (optional)', {}, { timeout: 3000 });
    expect(screen.getByLabelText('Welcome email links')).toHaveValue('4320');
    const user = userEvent.setup();
    await user.clear(sender);
    await user.type(sender, 'not-an-address');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    await waitFor(() => expect(sender).toHaveAttribute('aria-invalid', 'true'));
    expect(sender).toHaveAccessibleDescription(/Enter an email address like name@example\.com\./);
    expect(sender).toHaveFocus();
    expect(screen.getByLabelText('Welcome email links')).toHaveAccessibleDescription(/Choose between 15 minutes and 7 days/);
    expect(server.calls('PATCH', '/api/admin/settings')[0].body).toMatchObject({ sender_address: 'not-an-address', welcome_ttl_minutes: 4320 });
  });

  it('checks the colour and logo before sending, then saves and refreshes the branding', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, signedIn('owner')),
      'GET /api/admin/settings': json(200, settings),
      'PATCH /api/admin/settings': json(200, { ...settings, primary_color: '#0f766e', portal_name: 'Acme School' }),
    });
    renderApp('/admin/settings');
    const color = await screen.findByLabelText('Primary colour', {}, { timeout: 3000 });
    const logo = screen.getByLabelText('Logo address (optional)');
    const user = userEvent.setup();
    await user.clear(color);
    await user.type(color, 'teal');
    await user.type(logo, 'http://cdn.example/logo.png');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(logo).toHaveAttribute('aria-invalid', 'true');
    expect(color).toHaveAccessibleDescription(/Use a colour like #4338ca\./);
    expect(server.calls('PATCH', '/api/admin/settings')).toHaveLength(0);

    await user.clear(color);
    await user.type(color, '#0F766E');
    await user.clear(logo);
    await user.clear(screen.getByLabelText('Portal name'));
    await user.type(screen.getByLabelText('Portal name'), 'Acme School');
    const sessionReads = server.calls('GET', '/api/auth/session').length;
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Settings saved. The portal and new emails use them now.')).toBeInTheDocument();
    expect(server.calls('PATCH', '/api/admin/settings')[0].body).toMatchObject({ primary_color: '#0f766e', portal_name: 'Acme School', logo_url: '' });
    await waitFor(() => expect(server.calls('GET', '/api/auth/session').length).toBe(sessionReads + 1));
  });

  it('lists the enabled providers with their callback URLs and saves the self-sign-up choice', async () => {
    const withProviders = {
      ...settings,
      oauth_providers: [{ name: 'github', label: 'GitHub', kind: 'github', callback_url: 'https://members.acme.example/auth/github/callback' }],
    };
    const server = fakeServer({
      'GET /api/auth/session': json(200, signedIn('admin')),
      'GET /api/admin/settings': json(200, withProviders),
      'PATCH /api/admin/settings': json(200, { ...withProviders, allow_self_signup: true }),
    });
    renderApp('/admin/settings');
    expect(await screen.findByText('https://members.acme.example/auth/github/callback', {}, { timeout: 3000 })).toBeInTheDocument();
    const signup = screen.getByLabelText('Let people sign up with a provider');
    expect(signup).not.toBeChecked();
    const user = userEvent.setup();
    await user.click(signup);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(server.calls('PATCH', '/api/admin/settings')).toHaveLength(1));
    const body = server.calls('PATCH', '/api/admin/settings')[0].body as Record<string, unknown>;
    expect(body.allow_self_signup).toBe(true);
    expect(body).not.toHaveProperty('oauth_providers'); // read-only: the server refuses unknown fields
    expect(body).not.toHaveProperty('sender_name_fallback');
    expect(body).not.toHaveProperty('sender_address_fallback');
  });

  it('says what empty sender fields fall back to, the name following the portal name as it is typed', async () => {
    fakeServer({
      'GET /api/auth/session': json(200, signedIn('admin')),
      'GET /api/admin/settings': json(200, { ...settings, sender_name: '', sender_address: '' }),
    });
    renderApp('/admin/settings');
    const name = await screen.findByLabelText('Sender name (optional)', {}, { timeout: 3000 });
    expect(name).toHaveAttribute('placeholder', 'Acme Academy');
    expect(name).toHaveAccessibleDescription(/Empty: “Acme Academy” \(the name in GATEHOUSE_MAIL_FROM if it gives one, else the portal name\)\./);
    const address = screen.getByLabelText('Sender address (optional)');
    expect(address).toHaveAttribute('placeholder', 'no-reply@localhost');
    expect(address).toHaveAccessibleDescription(/Empty: no-reply@localhost \(from GATEHOUSE_MAIL_FROM\)\./);

    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Portal name'));
    await user.type(screen.getByLabelText('Portal name'), 'Clay Club');
    expect(name).toHaveAttribute('placeholder', 'Clay Club');
  });

  it('turns sign-in by email code off and lets the owner allow it for staff', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, signedIn('owner')),
      'GET /api/admin/settings': json(200, settings),
      'PATCH /api/admin/settings': json(200, { ...settings, allow_code_sign_in: false, allow_staff_code_sign_in: true }),
    });
    renderApp('/admin/settings');
    const codes = await screen.findByRole('checkbox', { name: 'Allow sign-in by email code' }, { timeout: 3000 });
    const staff = screen.getByRole('checkbox', { name: 'Let staff sign in with an email code' });
    expect(codes).toBeChecked();
    expect(staff).not.toBeChecked();
    expect(staff).toBeEnabled();
    const user = userEvent.setup();
    await user.click(codes);
    await user.click(staff);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(server.calls('PATCH', '/api/admin/settings')).toHaveLength(1));
    expect(server.calls('PATCH', '/api/admin/settings')[0].body).toMatchObject({ allow_code_sign_in: false, allow_staff_code_sign_in: true });
  });

  it('shows an admin the staff code setting, disabled and saying why, and the server’s refusal on it', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, signedIn('admin')),
      'GET /api/admin/settings': json(200, settings),
      'PATCH /api/admin/settings': validationFailed({ allow_staff_code_sign_in: 'Only an owner can change this.' }),
    });
    renderApp('/admin/settings');
    const staff = await screen.findByRole('checkbox', { name: 'Let staff sign in with an email code' }, { timeout: 3000 });
    expect(staff).toBeDisabled();
    expect(staff).toHaveAccessibleDescription(/Only an owner can change this: a staff sign-in opens every member’s account\./);
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'Allow sign-in by email code' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    // An admin sends the value unchanged; had it changed meanwhile, the server's answer shows on it.
    await waitFor(() => expect(staff).toHaveAttribute('aria-invalid', 'true'));
    expect(staff).toHaveAccessibleDescription(/Only an owner can change this\.$/);
    expect(server.calls('PATCH', '/api/admin/settings')[0].body).toMatchObject({ allow_code_sign_in: false, allow_staff_code_sign_in: false });
  });
});
