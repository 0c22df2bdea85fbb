import { Staff, expect, expectAccessible, test, uniqueEmail } from './helpers';

// The member's own ways back in, through the real binary, the real database and the captured
// mailbox: "didn't get your access email?", forgot password, and the expired-link page.

test('a member who never got the welcome email asks again, sets a password and sees the offer', async ({ page, request }) => {
  const staff = await Staff.signIn(request);
  const offer = await staff.offer('Watercolour basics');
  const email = uniqueEmail('never-got-it');
  const contact = await staff.contact(email, 'Nora Never');
  await staff.grant(contact.id, offer.id, false); // the welcome email was never sent

  await page.goto('/login');
  await page.getByRole('link', { name: "Didn't get your access email?" }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Didn't get your access email?" })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send my access email again' }).click();
  await expect(page.getByRole('status')).toContainText('Check your email');

  const link = await staff.linkFor(email, /Watercolour basics/);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Choose your password' })).toBeVisible();
  await expect(page).not.toHaveURL(/token=/); // the token leaves the address bar
  await page.getByLabel('New password', { exact: true }).fill('brushes paper water light');
  await page.getByLabel('Confirm new password', { exact: true }).fill('brushes paper water light');
  await page.getByRole('button', { name: 'Save password and continue' }).click();

  await expect(page).toHaveURL(/\/offers$/);
  await expect(page.getByRole('heading', { name: 'Watercolour basics' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Start lesson 1/ })).toHaveAttribute('href', 'https://learn.example.com/lesson-1');
});

test('forgot password: the emailed link resets the password and signs the member in', async ({ page, request }) => {
  const staff = await Staff.signIn(request);
  const offer = await staff.offer('Pottery evenings');
  const email = uniqueEmail('forgot');
  const contact = await staff.contact(email, 'Fred Forgot');
  await staff.grant(contact.id, offer.id, true);
  const welcome = await staff.linkFor(email, /Pottery evenings/);
  await page.goto(welcome);
  await page.getByLabel('New password', { exact: true }).fill('first clay wheel password');
  await page.getByLabel('Confirm new password', { exact: true }).fill('first clay wheel password');
  await page.getByRole('button', { name: 'Save password and continue' }).click();
  await expect(page).toHaveURL(/\/offers$/);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);

  const asked = Date.now();
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  // The page is its own chunk: until it shows, the sign-in page (with its own Email field) is still there.
  await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('status')).toContainText('Check your email');

  const reset = await staff.linkFor(email, /Reset your/, asked - 1000);
  expect(reset).toContain('/reset#token=');
  await page.goto(reset);
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill('second kiln glaze password');
  await page.getByLabel('Confirm new password', { exact: true }).fill('second kiln glaze password');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page).toHaveURL(/\/offers$/);
  await expect(page.getByRole('heading', { name: 'Pottery evenings' })).toBeVisible();

  // The old password no longer works; the new one does.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('first clay wheel password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText("don't match");
  await page.getByLabel('Password', { exact: true }).fill('second kiln glaze password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/offers$/);
});

test('a used link shows the expired-link page, which sends a new link that works', async ({ page, request }) => {
  const staff = await Staff.signIn(request);
  const offer = await staff.offer('Choir');
  const email = uniqueEmail('expired');
  const contact = await staff.contact(email, 'Eve Expired');
  await staff.grant(contact.id, offer.id, true);
  const link = await staff.linkFor(email, /Choir/);
  await page.goto(link);
  await page.getByLabel('New password', { exact: true }).fill('alto soprano tenor bass');
  await page.getByLabel('Confirm new password', { exact: true }).fill('alto soprano tenor bass');
  await page.getByRole('button', { name: 'Save password and continue' }).click();
  await expect(page).toHaveURL(/\/offers$/);

  await page.context().clearCookies();
  const before = Date.now();
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'This link was already used' })).toBeVisible();
  await expectAccessible(page);
  const renew = page.getByRole('region', { name: 'Get a new link' });
  await renew.getByRole('button', { name: 'Send me a new link' }).click();
  await expect(renew.getByRole('status')).toContainText('Check your email');

  const fresh = await staff.linkFor(email, /Choir/, before);
  expect(fresh).not.toBe(link);
  await page.goto(fresh);
  await expect(page.getByRole('heading', { level: 1, name: 'Choose your password' })).toBeVisible();
});
