import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, json, signedIn, validationFailed } from '../../../testing/fakeServer';
import { renderApp } from '../../../testing/renderApp';

describe('communities', () => {
  it('creates a community with a slug, and shows a taken slug on its field', async () => {
    const server = fakeServer({
      'GET /api/auth/session': json(200, signedIn('admin')),
      'GET /api/admin/communities': json(200, { items: [], next_cursor: '' }),
      'POST /api/admin/communities': validationFailed({ slug: 'This slug is, or was, used by another community. Slugs are never reused; choose another.' }),
    });
    renderApp('/admin/communities');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New community' }));
    const form = screen.getByRole('heading', { name: 'New community' }).closest('section') as HTMLElement;
    await user.type(within(form).getByLabelText('Name'), 'Makers');
    const slug = within(form).getByLabelText('Slug (optional)');
    await user.type(slug, 'makers');
    await user.click(within(form).getByRole('button', { name: 'Create community' }));
    await waitFor(() => expect(slug).toHaveAttribute('aria-invalid', 'true'));
    expect(slug).toHaveAccessibleDescription(/used by another community/);
    expect(slug).toHaveFocus();
    expect(server.calls('POST', '/api/admin/communities')[0].body).toEqual({ name: 'Makers', slug: 'makers', description: '', url: '' });
  });
});
