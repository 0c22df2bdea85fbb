import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, json, noContent, signedIn } from '../../testing/fakeServer';
import { renderApp } from '../../testing/renderApp';

const AROUND = {
  'GET /api/portal/identities': json(200, { identities: [], providers: [], has_password: true }),
  'GET /api/portal/sessions': json(200, { items: [] }),
};

async function choose(password: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('New password'), password);
  await user.type(screen.getByLabelText('Confirm new password'), password);
  return user;
}

describe('Account: the password', () => {
  it('asks for the current password when the session is not a fresh code sign-in', async () => {
    fakeServer({ ...AROUND, 'GET /api/auth/session': json(200, signedIn('member', { has_password: true, code_sign_in: true })) });
    renderApp('/account');
    expect(await screen.findByRole('heading', { level: 2, name: 'Change password' })).toBeInTheDocument();
    expect(screen.getByLabelText('Current password')).toBeInTheDocument();
  });

  it('right after a code sign-in changes it without the current one', async () => {
    const server = fakeServer({
      ...AROUND,
      'GET /api/auth/session': json(200, signedIn('member', { has_password: true, fresh_code_sign_in: true, code_sign_in: true })),
      'POST /api/portal/password': noContent(),
    });
    renderApp('/account');
    await screen.findByRole('heading', { level: 2, name: 'Change password' });
    expect(screen.queryByLabelText('Current password')).not.toBeInTheDocument();
    expect(screen.getByText(/You signed in with a code from your email a moment ago/)).toBeInTheDocument();
    const user = await choose('a long enough phrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(server.calls('POST', '/api/portal/password')).toHaveLength(1));
    expect(server.calls('POST', '/api/portal/password')[0].body).toEqual({ current_password: '', new_password: 'a long enough phrase' });
    expect(await screen.findByText(/Your password has been changed/)).toBeInTheDocument();
  });

  it('a member without a password may set one after a code sign-in, or keep using codes', async () => {
    const server = fakeServer({
      ...AROUND,
      'GET /api/auth/session': [
        json(200, signedIn('member', { has_password: false, fresh_code_sign_in: true, code_sign_in: true })),
        json(200, signedIn('member', { has_password: true, fresh_code_sign_in: true, code_sign_in: true })),
      ],
      'POST /api/portal/password': noContent(),
    });
    renderApp('/account');
    expect(await screen.findByRole('heading', { level: 2, name: 'Set a password' })).toBeInTheDocument();
    expect(screen.getByText(/you can keep signing in with a code sent to your email/)).toBeInTheDocument();
    const user = await choose('a long enough phrase');
    await user.click(screen.getByRole('button', { name: 'Set password' }));
    expect(await screen.findByText(/Your password is set/)).toBeInTheDocument();
    expect(server.calls('POST', '/api/portal/password')[0].body).toEqual({ current_password: '', new_password: 'a long enough phrase' });
    // The session is read again: the account has a password now.
    expect(await screen.findByRole('heading', { level: 2, name: 'Change password' })).toBeInTheDocument();
  });

  it('a member without a password, signed in a while ago, is told how to set one', async () => {
    fakeServer({ ...AROUND, 'GET /api/auth/session': json(200, signedIn('member', { has_password: false, code_sign_in: true })) });
    renderApp('/account');
    expect(await screen.findByRole('heading', { level: 2, name: 'Password' })).toBeInTheDocument();
    expect(screen.getByText(/don't need one: you can keep signing in with a code/)).toBeInTheDocument();
    expect(screen.queryByLabelText('New password')).not.toBeInTheDocument();
  });
});
