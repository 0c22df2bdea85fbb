import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request as playwrightRequest } from '@playwright/test';
import { OWNER, Staff, expect, expectAccessible, test, uniqueEmail } from './helpers';

type Received = { id: string; type: string; body: string; verified: boolean };

/** A webhook receiver on loopback that checks each signature as the Standard Webhooks spec says. */
async function startReceiver(): Promise<{ server: Server; url: string; got: Received[]; trust: (secret: string) => void }> {
  const got: Received[] = [];
  let key: Buffer | null = null;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      const ts = String(req.headers['webhook-timestamp']);
      const sigs = String(req.headers['webhook-signature']).split(' ');
      const expected = key ? 'v1,' + createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest('base64') : '';
      got.push({ id, type: JSON.parse(body).type, body, verified: sigs.includes(expected) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, url: `http://127.0.0.1:${port}/hooks/gatehouse`, got, trust: (s) => (key = Buffer.from(s.replace(/^whsec_/, ''), 'base64')) };
}

// An admin connects Gatehouse to the business: an API key and a webhook endpoint made in the
// desk, then a checkout's call (as curl would make it) grants an offer with its welcome email;
// the email arrives and the endpoint's log shows offer.granted delivered.
test('an admin creates a key and a webhook endpoint; an API call grants an offer and the webhook is delivered', async ({ page, request, baseURL }) => {
  const receiver = await startReceiver();
  const staff = await Staff.signIn(request);
  const offerName = `Pottery ${Date.now()}`;
  const offer = await staff.post<{ id: string; slug: string }>('/api/admin/offers', { name: offerName, description: 'Wheel and glaze.' });

  await page.goto('/login');
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/admin\/start$/); // the owner's Get started: this portal is not set up

  const nav = page.getByRole('navigation', { name: 'Staff desk' });
  await nav.getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  await page.getByRole('button', { name: 'Create API key' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Shop checkout');
  await page.getByLabel('contacts:write').check();
  await page.getByLabel('offers:grant').check();
  await page.getByRole('button', { name: 'Create key' }).click();
  const keyField = page.getByLabel('API key', { exact: true });
  await expect(keyField).toHaveValue(/^gatehouse_/);
  const key = await keyField.inputValue();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('cell', { name: 'Shop checkout', exact: true })).toBeVisible();
  await expect(page.getByText(key)).toHaveCount(0); // shown once

  await nav.getByRole('link', { name: 'Webhooks' }).click();
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await page.getByLabel('URL').fill(receiver.url);
  await page.getByLabel('offer.granted').check();
  await page.getByRole('button', { name: 'Add endpoint' }).last().click();
  const secretField = page.getByLabel('Signing secret', { exact: true });
  await expect(secretField).toHaveValue(/^whsec_/);
  receiver.trust(await secretField.inputValue());
  await expectAccessible(page);

  // The checkout's calls, with the key as curl would send it.
  const email = uniqueEmail('buyer');
  const shop = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${key}` } });
  const created = await shop.post('/api/v1/contacts', { data: { email, name: 'Pat Potter' }, headers: { 'Idempotency-Key': `order-${email}` } });
  expect(created.status(), await created.text()).toBe(201);
  const contact = (await created.json()) as { id: string };
  const grant = await shop.post(`/api/v1/contacts/${contact.id}/offers`, {
    data: { offer_id: offer.slug, send_welcome: true },
    headers: { 'Idempotency-Key': `grant-${email}` },
  });
  expect(grant.status(), await grant.text()).toBe(201);
  await shop.dispose();

  await expect.poll(() => staff.mailboxSubjects(email), { timeout: 15_000 }).toContain(`Your access to ${offerName}`);
  // Other tests grant offers on this shared server too: this grant's event is the one naming the contact.
  const ours = () => receiver.got.filter((d) => d.type === 'offer.granted' && d.body.includes(contact.id));
  await expect.poll(() => ours().length, { timeout: 15_000 }).toBe(1);
  expect(receiver.got.every((d) => d.verified)).toBe(true);

  await page.getByRole('link', { name: receiver.url }).click();
  const row = page.locator('tr[data-event="offer.granted"]', { hasText: contact.id });
  await expect(row.getByText('Delivered')).toBeVisible({ timeout: 15_000 });
  await expectAccessible(page);
  receiver.server.close();
});
