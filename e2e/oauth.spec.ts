import type { APIRequestContext } from '@playwright/test';
import { E2E_PORT_BASE, Staff, expect, expectAccessible, test, uniqueEmail } from './helpers';

// Signing in with a provider, through the real binary and a real OpenID Connect provider
// (bin/gatehouse-fake-oidc, "Acme SSO", started by e2e/server.sh). The provider signs in
// whoever was queued last, so these tests run one after another.
test.describe.configure({ mode: 'serial' });

const CONTROL = `http://127.0.0.1:${E2E_PORT_BASE + 13}`;

async function nextProviderUser(request: APIRequestContext, user: { subject: string; email: string; email_verified: boolean }) {
  const res = await request.post(`${CONTROL}/users`, { data: user });
  expect(res.status()).toBe(204);
}

test('a member clicks the provider button and lands in the portal', async ({ page, request }) => {
  const staff = await Staff.signIn(request);
  const offer = await staff.offer('Single sign-on basics');
  const email = uniqueEmail('sso');
  const contact = await staff.contact(email, 'Sam Sso');
  await staff.grant(contact.id, offer.id, false);
  await nextProviderUser(request, { subject: `acme-${email}`, email, email_verified: true });

  await page.goto('/login');
  await page.getByRole('link', { name: 'Continue with Acme SSO' }).click();
  await expect(page).toHaveURL(/\/offers$/);
  await expect(page.getByRole('heading', { name: 'Single sign-on basics' })).toBeVisible();

  // The account page lists the connected provider; as the only way in, it cannot be removed.
  await page.goto('/account');
  const methods = page.getByRole('region', { name: 'Ways to sign in' });
  await expect(methods.getByRole('strong').filter({ hasText: 'Acme SSO' })).toBeVisible();
  await expect(methods).toContainText('your only way to sign in');
  await expect(page.getByLabel('Current password')).toHaveCount(0);
  await methods.getByRole('button', { name: 'Disconnect Acme SSO' }).click();
  const dialog = page.getByRole('dialog', { name: 'Disconnect Acme SSO?' });
  await dialog.getByRole('button', { name: 'Disconnect' }).click();
  await expect(dialog.getByRole('alert')).toContainText('only way you can sign in');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expectAccessible(page);
});

test('a member with a password connects the provider from the account page', async ({ page, request }) => {
  const staff = await Staff.signIn(request);
  const email = uniqueEmail('connect');
  const contact = await staff.contact(email, 'Cory Connect');
  await staff.post(`/api/admin/contacts/${contact.id}/password`, { password: 'orchard violet compass tide', temporary: false, notify: false }, 200);

  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('orchard violet compass tide');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/offers$/);
  await page.goto('/account');
  // A provider account with a different address: connecting needs no matching email.
  await nextProviderUser(request, { subject: `acme-other-${email}`, email: 'someone.else@elsewhere.example', email_verified: false });
  await page.getByRole('link', { name: 'Connect Acme SSO' }).click();
  await expect(page).toHaveURL(/\/account\?connected=acme$/);
  await expect(page.getByRole('status').filter({ hasText: 'Acme SSO is now connected' })).toBeVisible();
  const methods = page.getByRole('region', { name: 'Ways to sign in' });
  await expect(methods).toContainText('someone.else@elsewhere.example');
  // The account's own address hears of the new way in (not the provider account's address).
  await expect.poll(async () => (await staff.mailboxSubjects(email)).join('\n'), { timeout: 15_000 }).toMatch(/A new sign-in method was added/);

  await methods.getByRole('button', { name: 'Disconnect Acme SSO' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Acme SSO is no longer connected' })).toBeVisible();
  await expect(methods.getByRole('link', { name: 'Connect Acme SSO' })).toBeVisible();
});

test('an address with no account ends on a page that explains it and offers to request access', async ({ page, request }) => {
  await nextProviderUser(request, { subject: 'acme-stranger', email: uniqueEmail('stranger'), email_verified: true });
  await page.goto('/login');
  await page.getByRole('link', { name: 'Continue with Acme SSO' }).click();
  await expect(page).toHaveURL(/\/sign-in-problem\?.*reason=no_account/);
  await expect(page.getByRole('heading', { level: 1, name: 'No account for this email' })).toBeVisible();
  await expect(page.getByText('Acme SSO told us who you are')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Request your access email' })).toBeVisible();
  await expectAccessible(page);
});
