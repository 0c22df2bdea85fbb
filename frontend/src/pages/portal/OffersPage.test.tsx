import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { fakeServer, json, signedIn } from '../../testing/fakeServer';
import { renderApp } from '../../testing/renderApp';

describe('OffersPage', () => {
  it('shows each offer’s apps with Open, and the other apps the member can open', async () => {
    const course = { id: 'app1', name: 'Course site', kind: 'oidc', url: 'https://course.example.com/' };
    const forum = { id: 'app2', name: 'Members forum', kind: 'proxy', url: 'https://forum.example.com/' };
    fakeServer({
      'GET /api/auth/session': json(200, signedIn('member')),
      'GET /api/portal/offers': json(200, {
        items: [{ id: 'o1', name: 'Pottery course', description: '', content_links: [], apps: [course], granted_at: '2026-11-01T10:00:00Z' }],
      }),
      'GET /api/portal/apps': json(200, { items: [course, forum] }),
    });
    renderApp('/offers');
    const offerApps = await screen.findByRole('list', { name: 'Apps Pottery course opens' });
    expect(within(offerApps).getByRole('link', { name: 'Open Course site' })).toHaveAttribute('href', 'https://course.example.com/');
    const more = await screen.findByRole('list', { name: 'Other apps you can open' });
    expect(within(more).getByRole('link', { name: 'Open Members forum' })).toHaveAttribute('href', 'https://forum.example.com/');
    expect(within(more).queryByText('Course site')).not.toBeInTheDocument();
    expect(screen.queryByText('No content links for this offer yet.')).not.toBeInTheDocument();
  });
});
