import { Staff, expect, expectAccessible, test, uniqueEmail } from './helpers';

// Issue 15 in the browser: a member signs in with a code from the captured mailbox, on a phone,
// and a member who reads a welcome email elsewhere uses the code beside its link.
test.use({ viewport: { width: 390, height: 844 } });

test('a member asks for a sign-in code, reads it in the mailbox, types it and lands in My offers', async ({ page, request }) => {
  const staff = await Staff.signIn(request);
  const offer = await staff.offer('Code course');
  const email = uniqueEmail('code');
  const contact = await staff.contact(email, 'Cody Code');
  await staff.grant(contact.id, offer.id, false); // no welcome email, no password: the code is the way in

  await page.goto('/login');
  await page.getByRole('link', { name: 'Email me a sign-in code' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in with a code' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Email').fill(email);
  const asked = Date.now();
  await page.getByRole('button', { name: 'Email me a code' }).click();

  const code = page.getByLabel('Sign-in code');
  await expect(code).toBeFocused();
  // The phone's number pad and the keyboard's one-time-code suggestion.
  await expect(code).toHaveAttribute('inputmode', 'numeric');
  await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(page.getByRole('status')).toContainText(`We sent a code to ${email} if it has an account. It works in this browser for 10 minutes.`);
  await expect(page).toHaveURL(/\/login\?method=code$/); // the same page
  await expectAccessible(page);

  const sent = await staff.codeFor(email, /sign-in code/, asked - 1000);
  await code.fill(`${sent.slice(0, 3)} ${sent.slice(3)}`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/offers$/);
  await expect(page.getByRole('heading', { name: 'Code course' })).toBeVisible();

  // Right after a code sign-in the account page sets a password without asking for one.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Set a password' })).toBeVisible();
  await expect(page.getByLabel('Current password')).toHaveCount(0);
  await expectAccessible(page);
});

test('a code beside a welcome link opens the choose-a-password page on another device', async ({ page, request }) => {
  const staff = await Staff.signIn(request);
  const offer = await staff.offer('Two devices');
  const email = uniqueEmail('other-device');
  const contact = await staff.contact(email, 'Dev Ice');
  await staff.grant(contact.id, offer.id, true);
  const code = await staff.codeFor(email, /Two devices/);

  await page.goto('/login');
  await page.getByRole('link', { name: 'Have a code from an email?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Use a code from an email' })).toBeVisible();
  await expect(page.getByLabel('Code', { exact: true })).toHaveAttribute('inputmode', 'numeric');
  await expectAccessible(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Choose your password' })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill('two devices one password');
  await page.getByLabel('Confirm new password', { exact: true }).fill('two devices one password');
  await page.getByRole('button', { name: 'Save password and continue' }).click();
  await expect(page).toHaveURL(/\/offers$/);
  await expect(page.getByRole('heading', { name: 'Two devices' })).toBeVisible();
});
