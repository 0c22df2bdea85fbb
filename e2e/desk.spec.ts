import type { Page } from '@playwright/test';
import { FakeResend, OWNER, Staff, expect, expectAccessible, test, uniqueEmail } from './helpers';

// The staff access desk against the "desk" server, whose email goes to the fake Resend process
// (so sends can fail on demand). Staff accounts are invited by the owner through the API and
// choose their password through the emailed link, like real staff.

const STAFF_PASSWORD = 'harbour lantern meadow quartz seven';

/** A new staff member of this role, signed in on page (their own session). */
async function signInNewStaff(page: Page, owner: Staff, fake: FakeResend, role: 'support' | 'admin'): Promise<string> {
  const email = uniqueEmail(role);
  const invited = Date.now();
  await owner.post('/api/admin/staff', { email, name: `${role === 'admin' ? 'Ada' : 'Sam'} ${role}`, role });
  // The invitation's subject: "Your access to …", or "You're invited to the … staff desk".
  await page.goto(await fake.linkFor(email, /Your access to|staff desk/, invited - 1000));
  await expect(page.getByRole('heading', { level: 1, name: 'Choose your password' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill(STAFF_PASSWORD);
  await page.getByLabel('Confirm new password', { exact: true }).fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Save password and continue' }).click();
  await expect(page).toHaveURL(/\/admin\/contacts$/);
  return email;
}

test('a support user opens a contact who never logged in, sees the failed welcome email, presses Resend on the offer, the member follows the new link and gets in, and the old link now shows the expired page', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const owner = await Staff.signIn(request);
  const fake = new FakeResend(request);
  const offerName = `Ceramics ${Date.now()}`;
  const offer = await owner.offer(offerName);
  const email = uniqueEmail('never-in');
  const contact = await owner.contact(email, 'Mira Never');
  const granted = Date.now();
  await owner.grant(contact.id, offer.id, true);
  const oldLink = await fake.linkFor(email, new RegExp(offerName), granted - 1000);

  await signInNewStaff(page, owner, fake, 'support');
  const nav = page.getByRole('navigation', { name: 'Staff desk' });
  await expect(nav.getByRole('link', { name: 'Contacts' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Audit' })).toHaveCount(0); // support: no audit, staff or settings
  await expect(nav.getByRole('link', { name: 'Settings' })).toHaveCount(0);

  await page.getByLabel('Search contacts').fill(email);
  await page.getByRole('link', { name: 'Mira Never' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mira Never' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Access status' }).getByText('Never signed in', { exact: true })).toBeVisible();
  const offers = page.getByRole('region', { name: 'Offers' });
  await expect(offers.getByRole('button', { name: /^Revoke/ })).toHaveCount(0); // support cannot revoke

  // The next send is refused by the provider: the new welcome email fails.
  await fake.failNext(email, 422, 'Mailbox unavailable');
  await offers.getByRole('button', { name: /^Resend/ }).click();
  const dialog = page.getByRole('dialog', { name: `Resend the ${offerName} welcome email?` });
  await expect(dialog).toContainText(
    `Send the ${offerName} welcome email to ${email} again, with a new link to choose a password. The previous link stops working.`,
  );
  await dialog.getByRole('button', { name: 'Resend email' }).click();
  await expect(offers.getByText(/is queued with a new link/)).toBeVisible();

  // The record follows the email to its real outcome.
  await expect(offers.getByText('Failed', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(offers.getByText(/Mailbox unavailable/)).toBeVisible();
  const emails = page.getByRole('region', { name: 'Emails' });
  await expect(emails.getByText('Failed', { exact: true }).first()).toBeVisible();
  await expect(emails.getByRole('button', { name: /^Retry/ }).first()).toBeVisible();
  await expectAccessible(page);

  // Resend again: this one is delivered, with a new link.
  const resent = Date.now();
  await offers.getByRole('button', { name: /^Resend/ }).click();
  await dialog.getByRole('button', { name: 'Resend email' }).click();
  const newLink = await fake.linkFor(email, new RegExp(offerName), resent - 1000);
  expect(newLink).not.toBe(oldLink);
  await expect(offers.getByText('Failed', { exact: true })).toHaveCount(0, { timeout: 20_000 });

  // The member (a fresh browser session) follows the new link and gets in.
  await page.context().clearCookies();
  await page.goto(newLink);
  await expect(page.getByRole('heading', { level: 1, name: 'Choose your password' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill('clay kiln glaze wheel');
  await page.getByLabel('Confirm new password', { exact: true }).fill('clay kiln glaze wheel');
  await page.getByRole('button', { name: 'Save password and continue' }).click();
  await expect(page).toHaveURL(/\/offers$/);
  await expect(page.getByRole('heading', { name: offerName })).toBeVisible();

  // The link from the first welcome email was replaced: it says so.
  await page.context().clearCookies();
  await page.goto(oldLink);
  await expect(page.getByRole('heading', { level: 1, name: 'This link has expired' })).toBeVisible();
});

test('an admin sets a temporary password, the member logs in with it and is made to choose a new one', async ({ page, request }) => {
  const owner = await Staff.signIn(request);
  const fake = new FakeResend(request);
  const offerName = `Weaving ${Date.now()}`;
  const offer = await owner.offer(offerName);
  const email = uniqueEmail('temp-pw');
  const contact = await owner.contact(email, 'Tess Temporary');
  await owner.grant(contact.id, offer.id, false);

  await signInNewStaff(page, owner, fake, 'admin');
  await page.goto(`/admin/contacts/${contact.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Tess Temporary' })).toBeVisible();
  await page.getByRole('region', { name: 'Account actions' }).getByRole('button', { name: 'Change password' }).click();

  let dialog = page.getByRole('dialog', { name: 'Change the password of Tess Temporary' });
  await dialog.getByLabel('Generate one').check();
  await expect(dialog.getByLabel('Require a new password at next sign-in')).toBeChecked();
  await expect(dialog.getByLabel('Email the member that their password changed')).toBeChecked();
  await dialog.getByRole('button', { name: 'Generate and change password' }).click();

  dialog = page.getByRole('dialog', { name: 'Password changed' });
  const shown = dialog.getByLabel('Generated password');
  await expect(shown).toHaveValue(/.{20,}/);
  const temporary = await shown.inputValue();
  await dialog.getByRole('button', { name: /^Copy/ }).click();
  await expect(dialog.getByRole('status')).toContainText(/Copied|selected/);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText(temporary)).toHaveCount(0); // shown once, gone now
  await expect(page.getByRole('region', { name: 'Account actions' })).toContainText('It is temporary');

  // The member signs in with it and can only choose a new password.
  await page.context().clearCookies();
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(temporary);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/choose-password$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill('loom shuttle warp weft');
  await page.getByLabel('Confirm new password', { exact: true }).fill('loom shuttle warp weft');
  await page.getByRole('button', { name: 'Save password and continue' }).click();
  await expect(page).toHaveURL(/\/offers$/);
  await expect(page.getByRole('heading', { name: offerName })).toBeVisible();
});

test('axe: every page of the staff desk, with the contact record’s dialogs open', async ({ page, request }) => {
  test.setTimeout(120_000);
  const owner = await Staff.signIn(request);
  const fake = new FakeResend(request);
  const community = await owner.post<{ id: string }>('/api/admin/communities', { name: `Axe circle ${Date.now()}`, description: 'For axe.', url: '' });
  const offerName = `Axe desk ${Date.now()}`;
  const offer = await owner.post<{ id: string }>('/api/admin/offers', {
    name: offerName,
    description: 'Checked with axe.',
    content_links: [{ label: 'Lesson 1', url: 'https://learn.example.com/1' }],
    community_ids: [community.id],
  });
  const email = uniqueEmail('axe-desk');
  const contact = await owner.contact(email, 'Axel Desk');
  await fake.failNext(email, 422, 'Mailbox unavailable');
  await owner.grant(contact.id, offer.id, true); // its welcome email fails: the record shows Retry

  await page.goto('/login');
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/admin\/start$/); // the owner's Get started: this portal is not set up

  const pages: [string, string | RegExp][] = [
    ['/admin/contacts', 'Contacts'],
    ['/admin/offers', 'Offers'],
    [`/admin/offers/${offer.id}`, new RegExp(offerName)],
    ['/admin/communities', 'Communities'],
    [`/admin/communities/${community.id}`, /Axe circle/],
    ['/admin/emails', 'Emails'],
    ['/admin/requests', 'Access requests'],
    ['/admin/audit', 'Audit log'],
    ['/admin/staff', 'Staff'],
    ['/admin/settings', 'Settings'],
    ['/admin/mailbox', 'Mailbox'],
  ];
  for (const [path, heading] of pages) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /Loading/ })).toHaveCount(0);
    await expectAccessible(page);
  }

  // The contact record, then each kind of dialog on it.
  await page.goto(`/admin/contacts/${contact.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Axel Desk' })).toBeVisible();
  const offers = page.getByRole('region', { name: 'Offers' });
  await expect(offers.getByText('Failed', { exact: true })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('region', { name: 'Emails' }).getByText('Show what was sent').first().click();
  await expectAccessible(page);

  await offers.getByRole('button', { name: /^Resend/ }).click();
  await expect(page.getByRole('dialog', { name: `Resend the ${offerName} welcome email?` })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Copy access link' }).click();
  let dialog = page.getByRole('dialog', { name: 'Copy an access link' });
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Create link' }).click();
  dialog = page.getByRole('dialog', { name: 'Copy the link now' });
  await expect(dialog.getByLabel('Link')).toHaveValue(/#token=/);
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('region', { name: 'Account actions' }).getByRole('button', { name: 'Change password' }).click();
  dialog = page.getByRole('dialog', { name: 'Change the password of Axel Desk' });
  await dialog.getByRole('button', { name: 'Change password' }).click(); // empty: the error is on the input
  await expect(dialog.getByLabel('Password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Edit name and email' }).click();
  await expect(page.getByRole('heading', { name: 'Edit contact' })).toBeVisible();
  await expectAccessible(page);
});
