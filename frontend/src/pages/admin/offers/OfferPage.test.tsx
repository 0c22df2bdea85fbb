import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, json, signedIn, validationFailed } from '../../../testing/fakeServer';
import { renderApp } from '../../../testing/renderApp';

const ID = '6f1c2a57-0000-4000-8000-0000000000aa';
const offer = {
  id: ID,
  name: 'Pottery 101',
  slug: 'pottery-101',
  description: 'Twelve lessons.',
  content_links: [],
  welcome_subject: '',
  welcome_body: '',
  community_ids: [],
  members: 3,
  archived: false,
  created_at: '2026-11-01T00:00:00Z',
};
const welcomeDefault = { subject: 'Your access to {{.OfferName}}', body: 'Hi {{.Name}},\n\n{{.Link}}', variables: ['Name', 'Link', 'OfferName'] };
const preview = { subject: 'Your access to Pottery 101', html: '<p>Hi</p>', html_url: '/api/admin/previews/p7/html', text: 'Hi Sam', to: 'sam@example.com' };

function offerServer(extra: Record<string, Response | Response[]> = {}) {
  return fakeServer({
    'GET /api/auth/session': json(200, signedIn('admin')),
    [`GET /api/admin/offers/${ID}`]: json(200, offer),
    'GET /api/admin/offers': json(200, { items: [offer], next_cursor: '' }),
    'GET /api/admin/communities': json(200, { items: [], next_cursor: '' }),
    'GET /api/admin/email-templates': json(200, { items: [{ kind: 'password_reset', variables: ['Name', 'Link'] }], welcome_default: welcomeDefault }),
    'POST /api/admin/offers/preview': json(200, preview),
    ...extra,
  });
}

describe('offer welcome email', () => {
  it('is a template: built-in text to start from, variables, preview from html_url, test of the unsaved text, save errors on the field', async () => {
    const server = offerServer({
      [`POST /api/admin/offers/${ID}/test-welcome`]: json(202, { email_id: 'e5', to: 'jane@example.com' }),
      [`PATCH /api/admin/offers/${ID}`]: validationFailed({ welcome_body: "This email carries the member's one-time link: put {{.Link}} in the text, or the member cannot get in." }),
    });
    renderApp(`/admin/offers/${ID}`);
    expect(await screen.findByRole('heading', { level: 1, name: /Pottery 101/ }, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.getByText('Using the built-in email.')).toBeInTheDocument();

    const frame = await screen.findByTitle('Preview of “Your access to Pottery 101” (HTML)', {}, { timeout: 3000 });
    expect(frame).toHaveAttribute('src', '/api/admin/previews/p7/html');
    expect(frame).not.toHaveAttribute('srcdoc');

    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Start from the built-in text' }));
    const body = screen.getByLabelText('Welcome email text');
    expect(body).toHaveValue(welcomeDefault.body);
    await user.click(screen.getByRole('button', { name: 'Insert a variable' }));
    expect(screen.getByRole('menuitem', { name: 'Offer name ({{.OfferName}})' })).toBeInTheDocument();
    await user.keyboard('{Escape}');

    await user.click(screen.getByRole('button', { name: 'Send a test to myself' }));
    expect(await screen.findByText('Sent to jane@example.com. Its link does not work: it is a test.')).toBeInTheDocument();
    expect(server.calls('POST', `/api/admin/offers/${ID}/test-welcome`)[0].body).toEqual({ welcome_subject: welcomeDefault.subject, welcome_body: welcomeDefault.body });
    await waitFor(() =>
      expect(server.calls('POST', '/api/admin/offers/preview').at(-1)?.body).toEqual({
        name: 'Pottery 101',
        description: 'Twelve lessons.',
        welcome_subject: welcomeDefault.subject,
        welcome_body: welcomeDefault.body,
      }),
    );

    await user.clear(body);
    await user.type(body, 'Welcome!');
    await user.click(screen.getByRole('button', { name: 'Save offer' }));
    await waitFor(() => expect(body).toHaveAttribute('aria-invalid', 'true'));
    expect(body).toHaveAccessibleDescription(/put \{\{\.Link\}\} in the text/);
    expect(body).toHaveFocus();
  });

  it('keeps edits in progress when the offer is archived (the reload does not reset the form)', async () => {
    const server = offerServer({
      [`GET /api/admin/offers/${ID}`]: [json(200, offer), json(200, { ...offer, archived: true })],
      [`DELETE /api/admin/offers/${ID}`]: new Response(null, { status: 204 }),
    });
    renderApp(`/admin/offers/${ID}`);
    const description = await screen.findByLabelText('Description (optional)', {}, { timeout: 3000 });
    const user = userEvent.setup();
    await user.clear(description);
    await user.type(description, 'Edited, not saved yet.');
    await user.click(screen.getByRole('button', { name: 'Archive offer…' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Archive offer' }));
    expect(await screen.findByText('Archived', { selector: '.badge, span' }, { timeout: 3000 })).toBeInTheDocument();
    expect(server.calls('GET', `/api/admin/offers/${ID}`)).toHaveLength(2);
    expect(screen.getByLabelText('Description (optional)')).toHaveValue('Edited, not saved yet.');
  });

  it('has a Slug field with its rule: checked before sending, and the server’s answer shown on it', async () => {
    const server = offerServer({
      [`PATCH /api/admin/offers/${ID}`]: validationFailed({ slug: 'This slug is, or was, used by another offer. Slugs are never reused; choose another.' }),
    });
    renderApp(`/admin/offers/${ID}`);
    const slug = await screen.findByLabelText('Slug', {}, { timeout: 3000 });
    expect(slug).toHaveValue('pottery-101');
    expect(slug).toHaveAccessibleDescription(/lower-case letters, digits and single hyphens, like pottery-course/);
    const user = userEvent.setup();

    await user.clear(slug);
    await user.type(slug, 'Pottery Course');
    await user.click(screen.getByRole('button', { name: 'Save offer' }));
    await waitFor(() => expect(slug).toHaveAttribute('aria-invalid', 'true'));
    expect(slug).toHaveAccessibleDescription(/Use lower-case letters, digits and single hyphens \(like pottery-course\), at most 60 characters\./);
    expect(slug).toHaveFocus();
    expect(server.calls('PATCH', `/api/admin/offers/${ID}`)).toHaveLength(0);

    await user.clear(slug);
    await user.type(slug, 'pottery');
    await user.click(screen.getByRole('button', { name: 'Save offer' }));
    await waitFor(() => expect(slug).toHaveAccessibleDescription(/used by another offer\. Slugs are never reused/));
    expect(slug).toHaveFocus();
    expect(server.calls('PATCH', `/api/admin/offers/${ID}`)[0].body).toMatchObject({ name: 'Pottery 101', slug: 'pottery' });
  });

  it('makes Save the main button; Archive is outlined, and asks first', async () => {
    offerServer();
    renderApp(`/admin/offers/${ID}`);
    const archive = await screen.findByRole('button', { name: 'Archive offer…' }, { timeout: 3000 });
    expect(archive).toHaveClass('btn-secondary', 'btn-danger-outline');
    expect(archive).not.toHaveClass('btn-danger');
    expect(screen.getByRole('button', { name: 'Save offer' })).toHaveClass('btn-primary');
    expect(archive.closest('.page-head')?.querySelectorAll('.btn-primary, .btn-danger')).toHaveLength(0); // nothing louder than Save up top
    await userEvent.setup().click(archive);
    expect(screen.getByRole('dialog', { name: 'Archive Pottery 101?' })).toBeInTheDocument();
  });

  it('creates an offer with an empty slug (made from the name), a link typed without https://, and no talk of a preview there is none of', async () => {
    const server = offerServer({ 'POST /api/admin/offers': json(201, { ...offer, id: ID }) });
    renderApp('/admin/offers');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New offer' }, { timeout: 3000 }));
    const form = screen.getByRole('heading', { name: 'New offer' }).closest('section') as HTMLElement;
    expect(within(form).getByLabelText('Slug (optional)')).toHaveAccessibleDescription(/Empty: made from the name\./);
    expect(within(form).getByText(/Using the built-in email\./).closest('p')).not.toHaveTextContent('The preview shows it');
    await user.type(within(form).getByLabelText('Name'), 'Glazing');
    // An address as a browser's bar shows it is fine: https:// is added, as the server would.
    await user.click(within(form).getByRole('button', { name: 'Add link' }));
    await user.type(within(form).getByLabelText('Link 1 label'), 'Lesson 1');
    await user.type(within(form).getByLabelText('Link 1 address'), 'www.example.com/course');
    await user.click(within(form).getByRole('button', { name: 'Create offer' }));
    await waitFor(() => expect(server.calls('POST', '/api/admin/offers')).toHaveLength(1));
    expect(server.calls('POST', '/api/admin/offers')[0].body).toMatchObject({
      name: 'Glazing',
      slug: '',
      content_links: [{ label: 'Lesson 1', url: 'https://www.example.com/course' }],
    });
  });
});
