import type { Locator, Page } from '@playwright/test';
import { OWNER, Staff, expect, test } from './helpers';

// The unsaved-changes guard on the desk's four long forms: offer, email template, workflow and
// settings. Edit, click another page in the side navigation: "You have unsaved changes. Leave
// this page?" Stay keeps the edit, Leave goes and the edit is gone. Nothing is saved, so the
// shared server is left as it was.

const QUESTION = 'You have unsaved changes. Leave this page?';

async function signIn(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/admin\/start$/); // the owner's "Get started" (the portal is not set up)
}

/** Edits field on the page at path, then checks Stay and Leave from a side-navigation link. */
async function guarded(page: Page, path: string, heading: RegExp | string, field: (p: Page) => Locator, edit: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  const input = field(page);
  await expect(input).toBeEditable();
  const saved = await input.inputValue();
  await input.fill(edit);
  const nav = page.getByRole('navigation', { name: 'Staff desk' });

  await nav.getByRole('link', { name: 'Communities' }).click();
  const dialog = page.getByRole('dialog', { name: QUESTION });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Stay' })).toBeFocused(); // the safe choice first
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await expect(dialog).toBeHidden();
  expect(new URL(page.url()).pathname).toBe(path);
  await expect(input).toHaveValue(edit);

  await nav.getByRole('link', { name: 'Communities' }).click();
  await page.getByRole('dialog', { name: QUESTION }).getByRole('button', { name: 'Leave' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Communities' })).toBeVisible();

  await page.goto(path); // the edit was not saved
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expect(field(page)).toHaveValue(saved);
}

test('the offer, template, workflow and settings forms ask before a link drops unsaved changes: Stay keeps them, Leave discards them', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const staff = await Staff.signIn(request);
  const offerName = `Guarded course ${Date.now()}`;
  const offer = await staff.offer(offerName);
  const wf = await staff.post<{ id: string }>('/api/admin/workflows', {
    name: `Guarded workflow ${Date.now()}`,
    enabled: false,
    trigger: { type: 'offer_granted', offer_id: offer.id },
    actions: [{ type: 'send_welcome_email' }],
  });
  await signIn(page);

  await guarded(page, `/admin/offers/${offer.id}`, new RegExp(offerName), (p) => p.getByLabel('Description (optional)'), 'Half-written description');
  await guarded(page, '/admin/templates/set_password', /email$/, (p) => p.getByLabel('Subject', { exact: true }), 'A subject not saved');
  await guarded(page, `/admin/workflows/${wf.id}`, /Guarded workflow/, (p) => p.getByLabel('Name', { exact: true }), 'Renamed, not saved');
  await guarded(page, '/admin/settings', 'Settings', (p) => p.getByLabel('Support email (optional)'), 'help@unsaved.example');
});
