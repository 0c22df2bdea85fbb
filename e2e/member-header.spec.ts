import { Staff, expect, test, uniqueEmail } from './helpers';

// Issue 12.10: on a phone the top bar kept changing height between the member tabs (the bold
// current tab wrapped the row on some tabs and not on others). One layout, one height.
test.use({ viewport: { width: 390, height: 844 } });

test('the top bar has the same height on every member tab at 390 px', async ({ page, request }) => {
  const staff = await Staff.signIn(request);
  const offer = await staff.offer('Header course');
  const email = uniqueEmail('header');
  const contact = await staff.contact(email, 'Hana Header');
  await staff.grant(contact.id, offer.id, true);
  await page.goto(await staff.linkFor(email, /Header course/));
  await page.getByLabel('New password', { exact: true }).fill('steady header height phrase');
  await page.getByLabel('Confirm new password', { exact: true }).fill('steady header height phrase');
  await page.getByRole('button', { name: 'Save password and continue' }).click();
  await expect(page).toHaveURL(/\/offers$/);

  const nav = page.getByRole('navigation', { name: 'Main' });
  const heights: Record<string, number> = {};
  for (const [tab, heading] of [
    ['My offers', 'My offers'],
    ['My communities', 'My communities'],
    ['Account', 'Account'],
    ['My offers', 'My offers'],
  ] as const) {
    await nav.getByRole('link', { name: tab }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(nav.getByRole('link', { name: tab })).toHaveAttribute('aria-current', 'page');
    const box = await page.locator('header.topbar').boundingBox();
    heights[tab] = Math.round(box?.height ?? 0);
    // Nothing in the bar sticks out of the phone's width.
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, `page wider than the phone on ${tab}`).toBeLessThanOrEqual(390);
  }
  expect(new Set(Object.values(heights)).size, JSON.stringify(heights)).toBe(1);
});
