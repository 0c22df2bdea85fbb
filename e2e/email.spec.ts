import type { APIRequestContext, Page } from '@playwright/test';
import { FakeResend, OWNER, Staff, expect, expectAccessible, test, uniqueEmail } from './helpers';

// Email templates and the email log against the "desk" server, whose email goes to the fake
// Resend process. It changes the desk server's password reset template, which no other test
// there reads.

async function signInOwner(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/admin\/start$/); // the owner's Get started: this portal is not set up
}

/** Puts the built-in password reset email back (the desk server lives for the whole run). */
async function restoreResetTemplate(request: APIRequestContext): Promise<void> {
  const login = await request.post('/api/auth/login', { data: OWNER });
  const csrf = (await login.json()).csrf_token;
  const res = await request.patch('/api/admin/email-templates/password_reset', { data: { subject: '', body: '' }, headers: { 'X-CSRF-Token': csrf } });
  expect(res.status(), await res.text()).toBe(200);
}

test('an admin rewrites the password reset email, previews and tests it, saves, and the next reset email uses it', async ({ page, request }) => {
  test.setTimeout(90_000);
  const owner = await Staff.signIn(request);
  const fake = new FakeResend(request);
  const stamp = `e2e${Date.now().toString(36)}`;
  const email = uniqueEmail('template');
  const contact = await owner.contact(email, 'Tara Template');

  await signInOwner(page);
  await page.getByRole('navigation', { name: 'Staff desk' }).getByRole('link', { name: 'Templates' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Email templates' })).toBeVisible();
  await page.getByRole('link', { name: 'Password reset' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Password reset email/ })).toBeVisible();

  try {
    // Start from the built-in text, put a marker in the subject and the member's name after it.
    await page.getByRole('button', { name: 'Start from the built-in text' }).click();
    const subject = page.getByLabel('Subject', { exact: true });
    await subject.fill(`Reset your password (${stamp}) for `);
    await page.getByRole('button', { name: 'Insert a variable' }).click();
    await page.getByRole('menuitem', { name: 'Recipient’s name ({{.Name}})' }).click();
    await expect(subject).toHaveValue(`Reset your password (${stamp}) for {{.Name}}`);
    await expect(page.getByLabel('Text', { exact: true })).toHaveValue(/\{\{\.Link\}\}/);

    // A broken template: the preview says what and where, and Save puts it on the field.
    const body = page.getByLabel('Text', { exact: true });
    const good = await body.inputValue();
    await body.fill(`${good}\n\n{{if .Name}}`);
    const preview = page.getByRole('region', { name: 'Preview' });
    await expect(preview.getByText(/The preview could not be updated/)).toBeVisible();
    await page.getByRole('button', { name: 'Save template' }).click();
    await expect(body).toHaveAttribute('aria-invalid', 'true');
    await expect(body).toHaveAccessibleDescription(/Line \d+: /);
    await body.fill(good);

    // The live preview: subject for the sample contact, the HTML from its own URL, the text part.
    await expect(preview.getByText(/The preview could not be updated/)).toHaveCount(0);
    await expect(preview.getByText(`Reset your password (${stamp}) for Sam Sample`)).toBeVisible();
    const frame = preview.locator('iframe');
    await expect(frame).toHaveAttribute('src', /^\/api\/admin\/previews\/[0-9a-f-]+\/html$/);
    await expect(frame).toHaveAttribute('sandbox', '');
    await expect(preview.locator('pre')).toContainText('[one-time link, hidden]');
    await expectAccessible(page);

    // A test to myself, with the unsaved text.
    await preview.getByRole('button', { name: 'Send a test to myself' }).click();
    await expect(preview.getByText(`Sent to ${OWNER.email}. Its link does not work: it is a test.`)).toBeVisible();
    await expect.poll(async () => (await fake.messagesTo(OWNER.email)).some((m) => m.subject.includes(stamp)), { timeout: 15_000 }).toBe(true);

    await page.getByRole('button', { name: 'Save template' }).click();
    await expect(page.getByText('Saved. New password reset emails use this text; emails already sent are not changed.')).toBeVisible();

    // A reset email for a contact, sent from the desk, arrives with the new subject and a working link.
    await page.goto(`/admin/contacts/${contact.id}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Tara Template' })).toBeVisible();
    const sent = Date.now();
    await page.getByRole('button', { name: 'Send password reset link' }).click();
    const dialog = page.getByRole('dialog', { name: 'Email a password reset link?' });
    await expect(dialog).toContainText('It works once, for 24 hours');
    await dialog.getByRole('button', { name: 'Send reset link' }).click();
    const link = await fake.linkFor(email, new RegExp(`\\(${stamp}\\) for Tara Template`), sent - 1000);
    expect(link).toMatch(/\/reset#token=/);
  } finally {
    await restoreResetTemplate(request);
  }
});

test('axe: templates, a template editor, the emails page with its overview, and an offer’s welcome email editor', async ({ page, request }) => {
  test.setTimeout(90_000);
  const owner = await Staff.signIn(request);
  const fake = new FakeResend(request);
  const offer = await owner.offer(`Axe mail ${Date.now()}`);
  const email = uniqueEmail('axe-mail');
  const contact = await owner.contact(email, 'Axa Mail');
  await owner.grant(contact.id, offer.id, true); // an email for the log and the overview
  await fake.linkFor(email, /Axe mail/);

  await signInOwner(page);
  const noLoading = () => expect(page.getByRole('status').filter({ hasText: /Loading|Rendering/ })).toHaveCount(0);

  await page.goto('/admin/templates');
  await expect(page.getByRole('heading', { level: 1, name: 'Email templates' })).toBeVisible();
  await noLoading();
  await expectAccessible(page);

  await page.goto('/admin/templates/staff_invite');
  await expect(page.getByRole('heading', { level: 1, name: /Staff invitation email/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Preview' }).locator('iframe')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Start from the built-in text' }).click(); // not saved
  await page.getByRole('button', { name: 'Use the built-in email' }).click();
  await expect(page.getByRole('dialog', { name: 'Use the built-in email?' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  await page.goto('/admin/emails');
  await expect(page.getByRole('heading', { level: 1, name: 'Emails' })).toBeVisible();
  const overview = page.getByRole('region', { name: 'Delivery overview' });
  await expect(overview.getByRole('img')).toHaveAttribute('aria-label', /emails per day by status/);
  await noLoading();
  await expectAccessible(page);
  await overview.getByText('Show the numbers, day by day').click();
  await expect(overview.getByRole('table')).toBeVisible();
  await expectAccessible(page);

  // The log finds the welcome email by address; a card leads to its filtered list.
  const log = page.getByRole('region', { name: 'Email log' });
  await log.getByLabel('Address').fill(email);
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(email)}`));
  await expect(log.getByRole('status').filter({ hasText: '1 email shown' })).toBeVisible();
  await expect(log.getByRole('heading', { level: 3, name: /Axe mail/ })).toBeVisible();
  await overview.getByRole('link', { name: /failed emails? in the last 7 days/ }).click();
  await expect(page).toHaveURL(/\/admin\/emails\?status=failed&from=\d{4}-\d{2}-\d{2}$/);
  await expect(log.getByLabel('Status', { exact: true })).toHaveValue('failed');
  await expect(log.getByLabel('Address')).toHaveValue('');
  await noLoading();
  await expectAccessible(page);

  await page.goto(`/admin/offers/${offer.id}`);
  await expect(page.getByRole('heading', { level: 1, name: /Axe mail/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Welcome email preview' }).locator('iframe')).toHaveAttribute('src', /\/api\/admin\/previews\//);
  await page.getByRole('button', { name: 'Start from the built-in text' }).click();
  await expectAccessible(page);
});

test('webhooks move emails forward: delivered, then a permanent bounce that suppresses the address, shown on the record and in the overview', async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const owner = await Staff.signIn(request);
  const fake = new FakeResend(request);
  const offerName = `Glaze ${Date.now()}`;
  const offer = await owner.offer(offerName);
  const good = uniqueEmail('hook-ok');
  const bad = uniqueEmail('hook-bounce');
  const delivered = await owner.contact(good, 'Dora Delivered');
  const bouncing = await owner.contact(bad, 'Bo Bounce');
  await owner.grant(delivered.id, offer.id, true);
  await owner.grant(bouncing.id, offer.id, true);
  await fake.linkFor(good, new RegExp(offerName));
  await fake.linkFor(bad, new RegExp(offerName));
  const resendId = async (to: string) => (await fake.messagesTo(to))[0].id;

  expect(await fake.event('email.delivered', await resendId(good))).toBe(200);
  const bounceId = await resendId(bad);
  expect(await fake.event('email.delivery_delayed', bounceId)).toBe(200);
  expect(await fake.event('email.bounced', bounceId, 'Permanent')).toBe(200);

  await signInOwner(page);
  const emailsOf = async (id: string, status: string) => {
    await page.goto(`/admin/contacts/${id}`);
    const emails = page.getByRole('region', { name: 'Emails' });
    await expect(async () => {
      await emails.getByRole('button', { name: /^Refresh/ }).click();
      await expect(emails.locator('.email-status').first()).toHaveText(status, { timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    return emails;
  };

  await emailsOf(delivered.id, 'Delivered');
  const emails = await emailsOf(bouncing.id, 'Bounced');
  const timeline = emails.getByRole('list', { name: /Delivery timeline/ }).first();
  await expect(timeline).toContainText('Delayed');
  await expect(timeline).toContainText(/Permanent bounce/);
  await page.reload(); // the suppression shows on the record
  await expect(page.getByRole('region', { name: 'Access status' })).toContainText(/suppressed/i);
  await expectAccessible(page);

  await page.goto('/admin/emails');
  const overview = page.getByRole('region', { name: 'Delivery overview' });
  await expect(overview.getByRole('link', { name: /^[1-9]\d* bounced emails? in the last 7 days/ })).toBeVisible();
  await expect(overview.getByRole('link', { name: /^[1-9]\d* address(es)? suppressed/ })).toHaveAttribute('href', '/admin/contacts?status=suppressed');
  await overview.getByRole('link', { name: /bounced emails? in the last 7 days/ }).click();
  const log = page.getByRole('region', { name: 'Email log' });
  await log.getByLabel('Address').fill(bad);
  await expect(log.getByRole('status').filter({ hasText: '1 email shown' })).toBeVisible();
  await expect(log.getByRole('link', { name: bad })).toBeVisible();
  await expect(log.locator('.email-status')).toHaveText(['Bounced']);

  await overview.getByRole('link', { name: /address(es)? suppressed/ }).click();
  await expect(page).toHaveURL(/\/admin\/contacts\?status=suppressed$/);
  await page.getByLabel('Search contacts').fill(bad);
  await expect(page.getByRole('status').filter({ hasText: '1 contact shown' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Bo Bounce' })).toBeVisible();
});
