import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { OWNER, Staff, expect, expectAccessible, test, uniqueEmail } from './helpers';

// Workflows, bulk operations and imports on the "portal" server (email captured in the local
// mailbox). Data is set up through the API; what staff do is done through the UI.

const RECIPE = 'Welcome now, nudge after 3 days if never logged in';

async function signIn(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/admin\/start$/); // the owner's Get started: this portal is not set up
}

test('the recipe workflow sends the welcome email of a grant made without one, and its run waits for the nudge', async ({ page, request }) => {
  test.setTimeout(120_000);
  const staff = await Staff.signIn(request);
  const offerName = `Recipe course ${Date.now()}`;
  const offer = await staff.offer(offerName);

  await signIn(page);
  await page.getByRole('navigation', { name: 'Staff desk' }).getByRole('link', { name: 'Workflows' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Workflows' })).toBeVisible();
  await page.getByRole('button', { name: 'Create from recipe…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create from a recipe' });
  await dialog.getByLabel('For which offer').selectOption({ label: offerName });
  await expect(dialog).toContainText(`When ${offerName} is granted (every grant), send its welcome email`);
  await dialog.getByRole('button', { name: 'Create and enable' }).click();
  await expect(page.getByRole('heading', { level: 1, name: RECIPE })).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Enabled' })).toBeChecked();
  await expect(page.getByLabel('Offer', { exact: true }).first()).toHaveValue(offer.id); // the trigger's offer

  // A grant without its own welcome email: the workflow sends it.
  const email = uniqueEmail('recipe');
  const contact = await staff.contact(email, 'Rita Recipe');
  const granted = Date.now();
  await staff.grant(contact.id, offer.id, false);
  expect(await staff.linkFor(email, new RegExp(offerName), granted - 1000)).toMatch(/\/set-password#token=/);
  const mailbox = await (await request.get(`/api/admin/mailbox?to=${encodeURIComponent(email)}`)).json();
  expect(mailbox.items.filter((m: { subject: string }) => m.subject.includes(offerName))).toHaveLength(1);

  // The run is on the workflow's runs table: the welcome sent, now waiting 3 days for the nudge.
  const runs = page.getByRole('region', { name: `Runs of ${RECIPE}` });
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh runs' }).click();
    await expect(runs.getByRole('link', { name: 'Rita Recipe' })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  const row = runs.getByRole('row').filter({ has: page.getByRole('link', { name: 'Rita Recipe' }) });
  await expect(row.getByText('Waiting', { exact: true })).toBeVisible({ timeout: 10_000 });
  await row.getByRole('button', { name: 'Show steps' }).click();
  const steps = runs.getByRole('list', { name: 'Steps' });
  const first = steps.getByRole('listitem').nth(0);
  await expect(first).toContainText('Step 1: Send the membership welcome email');
  await expect(first.getByText('Done', { exact: true })).toBeVisible();
  await expect(steps.getByRole('listitem').nth(1)).toContainText(/Step 2: Wait\s*Waiting/);
  await expectAccessible(page);
});

test('bulk: filter the contacts by an offer, resend its welcome email to all of them, follow the progress and download the report', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const staff = await Staff.signIn(request);
  const offerName = `Bulk course ${Date.now()}`;
  const offer = await staff.offer(offerName);
  const emails: string[] = [];
  for (let i = 1; i <= 30; i++) {
    const email = uniqueEmail(`bulk${i}`);
    const c = await staff.contact(email, `Bulk Member ${i}`);
    await staff.grant(c.id, offer.id, false);
    emails.push(email);
  }

  await signIn(page);
  await page.getByRole('navigation', { name: 'Staff desk' }).getByRole('link', { name: 'Contacts' }).click();
  await page.getByLabel('Offer', { exact: true }).selectOption({ label: offerName });
  await expect(page.getByText('30 contacts shown.')).toBeVisible();
  await page.getByRole('button', { name: 'Bulk action…' }).click();
  const panel = page.getByRole('region', { name: 'Bulk action' });
  await panel.getByLabel('Action', { exact: true }).selectOption({ label: 'Resend welcome email' });
  await expect(panel.getByLabel('Offer', { exact: true })).toHaveValue(offer.id);
  await expect(panel.getByLabel('Everyone matching the current filters (30)')).toBeChecked();

  await panel.getByRole('button', { name: 'Dry run' }).click();
  const counts = panel.getByRole('region', { name: 'Dry run counts' });
  await expect(counts.getByRole('row').filter({ hasText: 'Will act' })).toContainText('30');
  await expect(counts.getByRole('row')).toHaveCount(2); // the header and "Will act": nobody skipped
  await panel.getByRole('button', { name: 'Run for 30 contacts' }).click();
  const dialog = page.getByRole('dialog', { name: 'Resend welcome email for 30 contacts?' });
  await expect(dialog).toContainText(`Who: every contact holding ${offerName} (30 contacts in the dry run).`);
  await expect(dialog).toContainText(`30 contacts get the ${offerName} welcome email again, each with a new link to choose a password`);
  await dialog.getByRole('button', { name: 'Start bulk action' }).click();

  await expect(page).toHaveURL(/\/admin\/bulk\/[0-9a-f-]{36}$/);
  const bar = page.getByRole('progressbar', { name: 'Contacts worked through' });
  await expect(bar).toHaveAttribute('max', '30');
  await expect(bar).toHaveAttribute('value', '30', { timeout: 60_000 });
  await expect(page.getByText('30 of 30 contacts (100%)')).toBeVisible();
  await expect(page.getByText('Finished. The report lists every contact with what was done.')).toBeVisible();

  // The page reads its state from the server: a reload shows the same.
  await page.reload();
  await expect(page.getByRole('progressbar', { name: 'Contacts worked through' })).toHaveAttribute('value', '30');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download report (CSV)' }).click()]);
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toBe('row,email,name,outcome,detail,time');
  expect(lines).toHaveLength(1 + 30); // one row per contact
  for (const email of emails) expect(lines.filter((l) => l.includes(email))).toHaveLength(1);
  expect(lines.slice(1).every((l) => l.split(',')[3] === 'done')).toBe(true);

  await expect.poll(async () => (await request.get(`/api/admin/mailbox?to=${encodeURIComponent(emails[29])}`)).json().then((b) => b.items.length)).toBe(1);
});

test('axe: workflows list and builder, bulk progress, and import with its mapping step', async ({ page, request }) => {
  test.setTimeout(120_000);
  const staff = await Staff.signIn(request);
  const offer = await staff.offer(`Axe automation ${Date.now()}`);
  const contact = await staff.contact(uniqueEmail('axe-auto'), 'Axel Auto');
  await staff.grant(contact.id, offer.id, false);
  const wf = await staff.post<{ id: string }>('/api/admin/workflows', {
    name: 'Axe workflow',
    enabled: false,
    trigger: { type: 'offer_granted', offer_id: offer.id },
    actions: [{ type: 'send_welcome_email' }, { type: 'wait', minutes: 90 }, { type: 'notify_staff', message: 'Still not in.', unless_logged_in: true }],
  });
  const op = await staff.post<{ id: string }>('/api/admin/bulk', { action: 'sign_out', contact_ids: [contact.id], dry_run: false }, 202);

  await signIn(page);
  await page.goto('/admin/workflows');
  await expect(page.getByRole('link', { name: 'Axe workflow', exact: true })).toBeVisible();
  await expectAccessible(page);

  await page.goto(`/admin/workflows/${wf.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Axe workflow' })).toBeVisible();
  await expect(page.getByText('No runs yet.')).toBeVisible();
  await expect(page.getByLabel('Wait for')).toHaveValue('90');
  await expectAccessible(page);

  await page.goto('/admin/workflows/new');
  await expect(page.getByRole('heading', { level: 1, name: 'New workflow' })).toBeVisible();
  await page.getByRole('button', { name: 'Add action' }).click();
  await page.getByRole('button', { name: 'Create workflow' }).click();
  await expect(page.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true'); // with its error showing
  await expectAccessible(page);

  await page.goto(`/admin/bulk/${op.id}`);
  await expect(page.getByRole('progressbar', { name: 'Contacts worked through' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download report (CSV)' })).toBeVisible({ timeout: 20_000 });
  await expectAccessible(page);

  await page.goto('/admin/import');
  await expect(page.getByRole('heading', { level: 1, name: 'Import contacts' })).toBeVisible();
  await page.getByLabel('CSV file').setInputFiles({
    name: 'people.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('\uFEFF"E-mail";"First name";Nom;Offers\naxe@example.com;Axel;Auto;\n'),
  });
  await expect(page.getByLabel('Email (required)')).toHaveValue('E-mail');
  await expect(page.getByLabel('First name')).toHaveValue('First name');
  await expect(page.getByLabel('Offers')).toHaveValue('Offers');
  await expectAccessible(page);
});
