import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, json, signedIn } from '../../../testing/fakeServer';
import { renderApp } from '../../../testing/renderApp';
import { linksIn } from './mailLinks';

const SET = 'http://127.0.0.1:8080/set-password#token=abc_DEF-123';
const message = {
  id: 'm1',
  email_id: 'e1',
  from: 'Acme <no-reply@localhost>',
  to: 'tom@example.com',
  subject: 'Your access to Pottery 101',
  text: `Hi Tom,\n\nChoose your password here:\n\n${SET}\n\nOr sign in at http://127.0.0.1:8080/login.\nForgot it? ${SET}`,
  html: '<p>Hi</p>',
  created_at: '2026-11-26T10:00:00Z',
};

describe('mailbox message', () => {
  it('lists each link once with one-click Copy and says to open it in a private window; the HTML frame may open new tabs only', async () => {
    fakeServer({
      'GET /api/auth/session': json(200, signedIn('owner')),
      'GET /api/admin/mailbox/m1': json(200, message),
    });
    renderApp('/admin/mailbox/m1');
    const links = await screen.findByRole('region', { name: 'Links' });
    expect(links).toHaveTextContent('Open links in a private window.');
    const set = within(links).getByLabelText('Link to choose a password');
    expect(set).toHaveValue(SET);
    expect(set).toHaveAccessibleDescription(/Open links in a private window/);
    expect(within(links).getByLabelText('Sign-in page')).toHaveValue('http://127.0.0.1:8080/login'); // the sentence's full stop left out
    expect(within(links).getAllByRole('textbox')).toHaveLength(2); // the repeated link once

    const user = userEvent.setup(); // installs a clipboard we can read
    await user.click(within(links).getByRole('button', { name: /^Copy ?link to choose a password$/ }));
    expect(await navigator.clipboard.readText()).toBe(SET);
    expect(within(links).getByRole('status')).toHaveTextContent('Copied the link to choose a password (1 of 2). Paste it into a private window.');

    const frame = screen.getByTitle('HTML version of “Your access to Pottery 101”');
    expect(frame).toHaveAttribute('src', '/api/admin/mailbox/m1/html');
    expect(frame.getAttribute('sandbox')?.split(' ').sort()).toEqual(['allow-popups', 'allow-popups-to-escape-sandbox']);
    expect(screen.getByText(/open in a new tab of this browser/)).toBeInTheDocument();
  });

  it('finds links in text, without trailing punctuation, each once', () => {
    expect(linksIn('See https://a.example/x). And (https://b.example/reset#token=1). Again: https://a.example/x')).toEqual([
      { url: 'https://a.example/x', label: 'Link' },
      { url: 'https://b.example/reset#token=1', label: 'Password reset link' },
    ]);
    expect(linksIn('no links here')).toEqual([]);
  });
});
