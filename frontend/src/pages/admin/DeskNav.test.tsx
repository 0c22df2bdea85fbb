import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, json, signedIn } from '../../testing/fakeServer';
import { renderApp } from '../../testing/renderApp';

const empty = json(200, { items: [], next_cursor: '' });

function desk(role: 'support' | 'owner') {
  fakeServer({
    'GET /api/auth/session': json(200, signedIn(role)),
    'GET /api/admin/contacts': empty,
    'GET /api/admin/offers': empty,
    'GET /api/admin/communities': empty,
  });
  renderApp('/admin/contacts');
  return screen.findByRole('navigation', { name: 'Staff desk' }, { timeout: 3000 });
}

const groupLinks = (nav: HTMLElement, group: string) =>
  within(within(nav).getByRole('list', { name: `${group} pages` }))
    .getAllByRole('link')
    .map((a) => a.textContent);

describe('the desk’s side navigation', () => {
  it('groups the pages by area, marks the current one, and shows the owner everything', async () => {
    const nav = await desk('owner');
    expect(groupLinks(nav, 'People')).toEqual(['Contacts', 'Staff', 'Import']);
    expect(groupLinks(nav, 'Access')).toEqual(['Offers', 'Communities', 'Apps', 'Workflows', 'Bulk']);
    expect(groupLinks(nav, 'Email')).toEqual(['Emails', 'Templates', 'Requests', 'Mailbox']);
    expect(groupLinks(nav, 'Settings')).toEqual(['Settings', 'Audit']);
    expect(within(nav).getByRole('link', { name: 'Contacts' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Offers' })).not.toHaveAttribute('aria-current');
  });

  it('shows support only the pages support can use', async () => {
    const nav = await desk('support');
    expect(groupLinks(nav, 'People')).toEqual(['Contacts']);
    expect(groupLinks(nav, 'Access')).toEqual(['Offers', 'Communities', 'Workflows', 'Bulk']); // Apps: admins and owners
    expect(groupLinks(nav, 'Email')).toEqual(['Emails', 'Templates', 'Requests']);
    expect(within(nav).queryByRole('list', { name: 'Settings pages' })).not.toBeInTheDocument();
  });

  it('folds behind a Menu button (at phone width) that says whether it is open, and closes on Escape', async () => {
    const nav = await desk('owner');
    const menu = within(nav).getByRole('button', { name: 'Menu' });
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    const user = userEvent.setup();
    await user.click(menu);
    expect(menu).toHaveAttribute('aria-expanded', 'true');
    expect(document.getElementById(menu.getAttribute('aria-controls') ?? '')).toHaveClass('is-open');
    await user.keyboard('{Escape}');
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    expect(menu).toHaveFocus();
  });
});
