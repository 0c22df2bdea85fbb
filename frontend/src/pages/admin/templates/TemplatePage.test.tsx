import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { EmailTemplate } from '../../../api/templates';
import { fakeServer, json, signedIn } from '../../../testing/fakeServer';
import { renderApp } from '../../../testing/renderApp';

const VARIABLES = ['Name', 'Email', 'PortalName', 'PortalURL', 'SupportEmail', 'Link', 'ExpiresIn', 'OfferName', 'OfferDescription', 'When', 'ForgotURL'];
const BASE = '/api/admin/email-templates/password_reset';

const reset: EmailTemplate = {
  kind: 'password_reset',
  label: 'Password reset',
  description: 'Sent when a member uses Forgot password, or staff send a reset link.',
  subject: 'Reset your password',
  body: 'Hi ,\n\nChoose a new password:\n\n{{.Link}}',
  default_subject: 'Reset your {{.PortalName}} password',
  default_body: 'Hi {{.Name}},\n\n{{.Link}}\n\nThe link expires in {{.ExpiresIn}}.',
  requires_link: true,
  variables: VARIABLES,
  updated_at: '2026-11-20T10:00:00Z',
};

const catalog = (items = [reset]) => json(200, { items, next_cursor: '', welcome_default: { subject: 'Your access to {{.OfferName}}', body: '{{.Link}}' } });

const preview = {
  subject: 'Reset your password',
  html: '<p>Hi Sam</p>',
  html_url: '/api/admin/previews/6f1c2a57-0000-4000-8000-0000000000p1/html',
  text: 'Hi Sam,\n\nChoose a new password:\n\n[one-time link, hidden]',
  to: 'sam@example.com',
};

function editor(role: 'support' | 'admin', extra: Record<string, Response | Response[]> = {}, item = reset) {
  return fakeServer({
    'GET /api/auth/session': json(200, signedIn(role)),
    'GET /api/admin/email-templates': catalog([item]),
    [`POST ${BASE}/preview`]: json(200, preview),
    ...extra,
  });
}

async function open() {
  renderApp('/admin/templates/password_reset');
  expect(await screen.findByRole('heading', { level: 1, name: /Password reset email/ }, { timeout: 3000 })).toBeInTheDocument();
  return userEvent.setup();
}

describe('email template editor', () => {
  it('inserts a variable at the cursor, in the text or the subject', async () => {
    editor('admin');
    const user = await open();
    const body = screen.getByLabelText('Text') as HTMLTextAreaElement;
    await user.click(body);
    body.setSelectionRange(3, 3); // after "Hi "
    await user.click(screen.getByRole('button', { name: 'Insert a variable' }));
    await user.click(screen.getByRole('menuitem', { name: 'Recipient’s name ({{.Name}})' }));
    expect(body.value).toBe('Hi {{.Name}},\n\nChoose a new password:\n\n{{.Link}}');
    expect(body).toHaveFocus();
    expect(body.selectionStart).toBe(3 + '{{.Name}}'.length);

    // Typing goes on right after the variable.
    await user.keyboard('!');
    expect(body.value.startsWith('Hi {{.Name}}!,')).toBe(true);

    const subject = screen.getByLabelText('Subject') as HTMLInputElement;
    await user.click(subject);
    subject.setSelectionRange(6, 6); // "Reset |your password"
    await user.click(screen.getByRole('button', { name: 'Insert a variable' }));
    await user.click(screen.getByRole('menuitem', { name: 'Portal name ({{.PortalName}})' }));
    expect(subject.value).toBe('Reset {{.PortalName}}your password');
    expect(subject).toHaveFocus();
  });

  it('explains the variables, and inserts one from a menu worked by keyboard alone', async () => {
    editor('admin');
    const user = await open();
    expect(screen.getByText(/are variables: each email gets them filled in for its recipient/)).toBeInTheDocument();
    const body = screen.getByLabelText('Text') as HTMLTextAreaElement;
    await user.click(body);
    body.setSelectionRange(3, 3); // after "Hi "

    // On the menu button, the down arrow opens the menu on its first item.
    const button = screen.getByRole('button', { name: 'Insert a variable' });
    button.focus();
    expect(button).toHaveAttribute('aria-haspopup', 'menu');
    await user.keyboard('{ArrowDown}');
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const menu = screen.getByRole('menu', { name: 'Insert a variable' });
    const items = within(menu).getAllByRole('menuitem');
    expect(items).toHaveLength(VARIABLES.length);
    expect(items[0]).toHaveFocus();
    expect(items[0]).toHaveAccessibleName('Recipient’s name ({{.Name}})');
    expect(items[0]).toHaveAccessibleDescription('their name, or their address when they have none');

    await user.keyboard('{ArrowUp}'); // wraps to the last
    expect(items[VARIABLES.length - 1]).toHaveFocus();
    await user.keyboard('{Home}{ArrowDown}');
    expect(items[1]).toHaveFocus();
    await user.keyboard('{Escape}'); // closes, back on the button
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(button).toHaveFocus();

    await user.keyboard('{Enter}'); // opens on the first item
    await user.keyboard('{End}');
    expect(within(screen.getByRole('menu')).getByRole('menuitem', { name: 'Forgot-password page ({{.ForgotURL}})' })).toHaveFocus();
    await user.keyboard('{Home}{Enter}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(body.value).toBe('Hi {{.Name}},\n\nChoose a new password:\n\n{{.Link}}');
    expect(body).toHaveFocus();
    expect(body.selectionStart).toBe(3 + '{{.Name}}'.length);
  });

  it('sign-in code: a template that must show {{.Code}}, said before saving', async () => {
    const code: EmailTemplate = {
      ...reset,
      kind: 'sign_in_code',
      label: 'Sign-in code',
      description: 'Sent when a member asks to sign in with a code instead of a password. Must show {{.Code}}.',
      subject: '',
      body: '',
      requires_link: false,
      variables: ['Name', 'Email', 'PortalName', 'Code', 'ExpiresIn', 'Device', 'When'],
    };
    fakeServer({
      'GET /api/auth/session': json(200, signedIn('admin')),
      'GET /api/admin/email-templates': catalog([reset, code]),
      'POST /api/admin/email-templates/sign_in_code/preview': json(200, preview),
    });
    renderApp('/admin/templates');
    const card = (await screen.findByRole('link', { name: 'Sign-in code' }, { timeout: 3000 })).closest('li') as HTMLElement;
    expect(card).toHaveTextContent('Carries a sign-in code: the text must include it (the variable {{.Code}}).');
    const user = userEvent.setup();
    await user.click(within(card).getByRole('link', { name: 'Sign-in code' }));
    expect(await screen.findByRole('heading', { level: 1, name: /Sign-in code email/ })).toBeInTheDocument();
    const body = screen.getByLabelText('Text');
    expect(body).toHaveAccessibleDescription(/\{\{\.Code\}\} prints the member’s six-digit code \(it must be in the text\)/);
    await user.type(body, 'Hello');
    expect(screen.getByText(/The text has no \{\{\.Code\}\} yet/)).toBeInTheDocument();
    expect(screen.queryByText(/The text has no \{\{\.Link\}\} yet/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Insert a variable' }));
    await user.click(screen.getByRole('menuitem', { name: 'Browser and system ({{.Device}})' }));
    await user.click(screen.getByRole('button', { name: 'Insert a variable' }));
    await user.click(screen.getByRole('menuitem', { name: 'Code ({{.Code}})' }));
    expect(body).toHaveValue('Hello{{.Device}}{{.Code}}');
    expect(screen.queryByText(/The text has no \{\{\.Code\}\} yet/)).not.toBeInTheDocument();
  });

  it('shows a save error on its field, with its line, and focuses it', async () => {
    const server = editor('admin', {
      [`PATCH ${BASE}`]: json(422, { code: 'validation_failed', message: 'Please correct the highlighted fields.', fields: { body: 'Line 4: unexpected EOF' } }),
    });
    const user = await open();
    const body = screen.getByLabelText('Text');
    await user.type(body, '{{{{if .Name}}');
    await user.click(screen.getByRole('button', { name: 'Save template' }));

    await waitFor(() => expect(body).toHaveAttribute('aria-invalid', 'true'));
    expect(body).toHaveAccessibleDescription(/Line 4: unexpected EOF/);
    expect(body).toHaveFocus();
    expect(screen.getByLabelText('Subject')).not.toHaveAttribute('aria-invalid');
    expect(server.calls('PATCH', BASE)[0].body).toEqual({ subject: 'Reset your password', body: `${reset.body}{{if .Name}}` });
    expect(server.calls('PATCH', BASE)[0].headers['x-csrf-token']).toBe('csrf-123');
  });

  it('saves, and says what changes', async () => {
    const server = editor('admin', { [`PATCH ${BASE}`]: json(200, { kind: 'password_reset', subject: 'Reset it', body: reset.body }) });
    const user = await open();
    const subject = screen.getByLabelText('Subject');
    await user.clear(subject);
    await user.type(subject, 'Reset it');
    expect(screen.getByText(/Unsaved changes/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save template' }));
    expect(await screen.findByText('Saved. New password reset emails use this text; emails already sent are not changed.')).toBeInTheDocument();
    expect(server.calls('PATCH', BASE)[0].body).toEqual({ subject: 'Reset it', body: reset.body });
    expect(screen.queryByText(/Unsaved changes/)).not.toBeInTheDocument();
  });

  it('previews the unsaved text in a sandboxed frame loaded from html_url, and for a chosen contact', async () => {
    const server = editor('admin', {
      'GET /api/admin/contacts': json(200, {
        items: [{ id: 'c-mia', email: 'mia@example.com', name: 'Mia Member', role: 'member', status: 'active', disabled: false, last_login_at: null, created_at: '2026-11-01T00:00:00Z' }],
        next_cursor: '',
      }),
    });
    const user = await open();
    const frame = await screen.findByTitle('Preview of “Reset your password” (HTML)', {}, { timeout: 3000 });
    expect(frame.tagName).toBe('IFRAME');
    expect(frame).toHaveAttribute('src', preview.html_url);
    expect(frame).toHaveAttribute('sandbox', '');
    expect(frame).not.toHaveAttribute('srcdoc');
    expect(screen.getByText(/\[one-time link, hidden\]/)).toBeInTheDocument();
    expect(screen.getByText('The one-time link is hidden.')).toBeInTheDocument();
    expect(server.calls('POST', `${BASE}/preview`)[0].body).toEqual({ subject: reset.subject, body: reset.body });

    await user.type(screen.getByLabelText('Preview for a contact (optional)'), 'mia');
    await user.click(await screen.findByRole('button', { name: /Mia Member/ }, { timeout: 3000 }));
    expect(server.calls('GET', '/api/admin/contacts').at(-1)?.search).toBe('?q=mia&limit=5');
    expect(screen.getByText(/Previewing for/)).toHaveTextContent('Previewing for Mia Member (mia@example.com).');
    expect(screen.getByRole('button', { name: 'Use the sample contact' })).toHaveFocus();
    await waitFor(() => expect(server.calls('POST', `${BASE}/preview`).at(-1)?.body).toEqual({ subject: reset.subject, body: reset.body, contact_id: 'c-mia' }));
  });

  it('says nothing of a hidden link for an email that carries none', async () => {
    const changed = { ...reset, kind: 'password_changed', label: 'Password changed', requires_link: false, subject: 'Changed', body: 'Hi' };
    fakeServer({
      'GET /api/auth/session': json(200, signedIn('admin')),
      'GET /api/admin/email-templates': catalog([changed]),
      'POST /api/admin/email-templates/password_changed/preview': json(200, { ...preview, subject: 'Changed', text: 'Hi' }),
    });
    renderApp('/admin/templates/password_changed');
    expect(await screen.findByTitle('Preview of “Changed” (HTML)', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.queryByText('The one-time link is hidden.')).not.toBeInTheDocument();
  });

  it('shows a preview error inline, keeping the last preview that worked', async () => {
    editor('admin', {
      [`POST ${BASE}/preview`]: [
        json(200, preview),
        json(422, { code: 'validation_failed', message: 'Please correct the highlighted fields.', fields: { body: 'Line 7: unexpected "}" in operand' } }),
      ],
    });
    const user = await open();
    await screen.findByTitle(/^Preview of/, {}, { timeout: 3000 });
    await user.type(screen.getByLabelText('Text'), '{{{{.Name}');
    expect(await screen.findByText(/Line 7: unexpected "\}" in operand/, {}, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.getByText(/The preview could not be updated/)).toBeInTheDocument();
    expect(screen.getByTitle(/^Preview of/)).toBeInTheDocument();
  });

  it('sends a test of the text as edited, and says where it went and that its link does not work', async () => {
    const server = editor('admin', { [`POST ${BASE}/test`]: json(202, { email_id: 'e9', to: 'jane@example.com' }) });
    const user = await open();
    await user.type(screen.getByLabelText('Subject'), '!');
    await user.click(screen.getByRole('button', { name: 'Send a test to myself' }));
    expect(await screen.findByText('Sent to jane@example.com. Its link does not work: it is a test.')).toBeInTheDocument();
    expect(server.calls('POST', `${BASE}/test`)[0].body).toEqual({ subject: 'Reset your password!', body: reset.body });
  });

  it('starts from the built-in text, and goes back to the built-in email after a confirmation', async () => {
    editor('admin', {}, { ...reset, subject: '', body: '', updated_at: null });
    const user = await open();
    expect(screen.getByText('Using the built-in email.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Start from the built-in text' }));
    expect(screen.getByLabelText('Subject')).toHaveValue(reset.default_subject);
    expect(screen.getByLabelText('Text')).toHaveValue(reset.default_body);
    expect(screen.queryByText('Using the built-in email.')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Use the built-in email' }));
    const dialog = screen.getByRole('dialog', { name: 'Use the built-in email?' });
    await user.click(within(dialog).getByRole('button', { name: 'Clear subject and text' }));
    expect(screen.getByLabelText('Subject')).toHaveValue('');
    expect(screen.getByLabelText('Text')).toHaveValue('');
    expect(screen.getByText('Using the built-in email.')).toBeInTheDocument();
  });

  it('warns before saving a link email without {{.Link}}', async () => {
    editor('admin');
    const user = await open();
    const body = screen.getByLabelText('Text');
    await user.clear(body);
    await user.type(body, 'Hello');
    expect(screen.getByText(/The text has no \{\{\.Link\}\} yet/)).toBeInTheDocument();
  });

  it('support reads, previews and sends a test, but cannot edit or save', async () => {
    const server = editor('support', { [`POST ${BASE}/test`]: json(202, { email_id: 'e9', to: 'jane@example.com' }) });
    const user = await open();
    expect(screen.getByLabelText('Text')).toHaveAttribute('readonly');
    expect(screen.queryByRole('button', { name: 'Save template' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Insert a variable' })).not.toBeInTheDocument();
    expect(screen.getByText(/are variables: each email gets them filled in/)).toBeInTheDocument(); // explained even when read only
    expect(screen.getByText(/Templates are changed by admins and owners/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Send a test to myself' }));
    expect(await screen.findByText(/Sent to jane@example\.com/)).toBeInTheDocument();
    expect(server.calls('PATCH', BASE)).toHaveLength(0);
  });

  it('lists the kinds, saying which use the built-in email', async () => {
    fakeServer({
      'GET /api/auth/session': json(200, signedIn('support')),
      'GET /api/admin/email-templates': catalog([reset, { ...reset, kind: 'staff_invite', label: 'Staff invitation', subject: '', body: '', updated_at: null }]),
    });
    renderApp('/admin/templates');
    expect(await screen.findByRole('heading', { level: 1, name: 'Email templates' }, { timeout: 3000 })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Staff desk' });
    expect(within(nav).getByRole('link', { name: 'Templates' })).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByRole('link', { name: 'Password reset' })).toHaveAttribute('href', '/admin/templates/password_reset');
    const invite = screen.getByRole('link', { name: 'Staff invitation' }).closest('li') as HTMLElement;
    expect(within(invite).getByText(/^Using the built-in email\./)).toBeInTheDocument();
  });
});
