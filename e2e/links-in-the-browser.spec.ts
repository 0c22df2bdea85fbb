import { OWNER, Staff, expect, expectAccessible, test, uniqueEmail } from './helpers';

// Issue 12, items 1 and 2: an emailed link in the browser it is opened in.

test('reloading the set-password page keeps the link working', async ({ page, request }) => {
  const staff = await Staff.signIn(request);
  const offer = await staff.offer('Reload course');
  const email = uniqueEmail('reload');
  const contact = await staff.contact(email, 'Rita Reload');
  await staff.grant(contact.id, offer.id, true);
  await page.goto(await staff.linkFor(email, /Reload course/));
  await expect(page.getByRole('heading', { level: 1, name: 'Choose your password' })).toBeVisible();
  await expect(page).not.toHaveURL(/token=/);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Choose your password' })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill('reloaded and still here');
  await page.getByLabel('Confirm new password', { exact: true }).fill('reloaded and still here');
  await page.getByRole('button', { name: 'Save password and continue' }).click();
  await expect(page).toHaveURL(/\/offers$/);
  await expect(page.getByRole('heading', { name: 'Reload course' })).toBeVisible();
});

test("a member's link opened in the owner's browser says whose it is before anything changes", async ({ page, request }) => {
  const staff = await Staff.signIn(request);
  const offer = await staff.offer('Wrong browser');
  const email = uniqueEmail('tom');
  const contact = await staff.contact(email, 'Tom Member');
  await staff.grant(contact.id, offer.id, true);
  const link = await staff.linkFor(email, /Wrong browser/);

  // The owner's own browser: signed in, then opening the member's link from the Mailbox.
  const res = await page.request.post('/api/auth/login', { data: OWNER });
  expect(res.status()).toBe(200);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'This link is for someone else' })).toBeVisible();
  await expect(page.getByText(`You are signed in as ${OWNER.email}; this link is for ${email}.`)).toBeVisible();
  await expect(page.getByLabel('New password', { exact: true })).toHaveCount(0);
  await expectAccessible(page);

  // Cancel: still the owner, nothing used.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(/\/admin/);

  // Continue: signed out first, then the member's form, then signed in as the member.
  await page.goto(link);
  await page.getByRole('button', { name: `Continue as ${email} (signs you out)` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Choose your password' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill('toms own password here');
  await page.getByLabel('Confirm new password', { exact: true }).fill('toms own password here');
  await page.getByRole('button', { name: 'Save password and continue' }).click();
  await expect(page).toHaveURL(/\/offers$/);
  await expect(page.getByRole('heading', { name: 'Wrong browser' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0);
});
