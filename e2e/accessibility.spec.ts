import { Staff, expect, expectAccessible, test, uniqueEmail } from './helpers';

// axe on every portal page: no serious or critical WCAG 2.1 A/AA violation.

for (const [path, heading] of [
  ['/login', 'Sign in'],
  ['/forgot-password', 'Reset your password'],
  ['/resend-access', "Didn't get your access email?"],
  ['/link-expired', /link/i],
  ['/no-such-page', /not found/i],
] as const) {
  test(`axe: ${path}`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectAccessible(page);
  });
}

test('axe: set-password, offers, communities, account and choose-password pages', async ({ page, request }) => {
  const staff = await Staff.signIn(request);
  const offer = await staff.offer('Axe course');
  const email = uniqueEmail('axe');
  const contact = await staff.contact(email, 'Ada Axe');
  await staff.grant(contact.id, offer.id, true);
  await page.goto(await staff.linkFor(email, /Axe course/));
  await expect(page.getByRole('heading', { level: 1, name: 'Choose your password' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('New password', { exact: true }).fill('quiet harbour lantern');
  await page.getByLabel('Confirm new password', { exact: true }).fill('quiet harbour lantern');
  await page.getByRole('button', { name: 'Save password and continue' }).click();
  await expect(page.getByRole('heading', { name: 'Axe course' })).toBeVisible();
  await expectAccessible(page);

  for (const [path, heading] of [
    ['/communities', 'My communities'],
    ['/account', 'Account'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectAccessible(page);
  }
});
