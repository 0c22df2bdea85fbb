import { OWNER, expect, expectAccessible, test, uniqueEmail } from './helpers';

// The owner's minimal desk, all through the UI: sign in, create an offer and a contact, grant
// the offer with its welcome email, and read the captured email in the mailbox.
test('an owner creates an offer and a contact, grants it, and reads the welcome email', async ({ page }) => {
  const email = uniqueEmail('desk');
  await page.goto('/login');
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/admin\/start$/); // the owner's Get started: this portal is not set up
  await expectAccessible(page);

  const nav = page.getByRole('navigation', { name: 'Staff desk' });
  await nav.getByRole('link', { name: 'Offers' }).click();
  await page.getByRole('button', { name: 'New offer' }).click();
  const offerName = `Yoga ${Date.now()}`;
  await page.getByLabel('Name', { exact: true }).fill(offerName);
  await page.getByRole('button', { name: 'Create offer' }).click();
  await expect(page.getByText(offerName).first()).toBeVisible();

  await nav.getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('button', { name: 'New contact' }).click();
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Name (optional)').fill('Yara Yoga');
  await page.getByRole('button', { name: 'Create contact' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Yara Yoga/ })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Offer', { exact: true }).selectOption({ label: offerName });
  await expect(page.getByLabel('Send the welcome email')).toBeChecked();
  await page.getByRole('button', { name: 'Grant offer…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(email);
  await dialog.getByRole('button', { name: /Grant/ }).click();
  await expect(page.getByText(offerName).first()).toBeVisible();

  await nav.getByRole('link', { name: 'Mailbox' }).click();
  await page.getByLabel('Recipient').fill(email);
  await page.getByRole('link', { name: new RegExp(offerName) }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(offerName) })).toBeVisible();
  await expect(page.getByText(/\/set-password#token=/)).toBeVisible();
  await expectAccessible(page);
});
