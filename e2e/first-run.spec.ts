import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_PORT_BASE, expect, expectAccessible, test } from './helpers';

// A new owner's first run, on a server of its own (a fresh data folder: no offers, no members,
// the default portal name, email captured): the one-time link the server prints, the password,
// then the "Get started" checklist, which ticks off the offer created next.

const PORT = E2E_PORT_BASE + 20;
const BASE = `http://127.0.0.1:${PORT}`;
const OWNER_EMAIL = 'first-owner@e2e.example.com';
const PASSWORD = 'copper kettle winter orchard';

interface FreshServer {
  link: string;
  stop: () => Promise<void>;
}

/** Starts ./bin/gatehouse on an empty data folder and waits for the first-sign-in link it prints. */
async function freshServer(): Promise<FreshServer> {
  const data = await mkdtemp(join(tmpdir(), 'gatehouse-first-run-'));
  await chmod(data, 0o755); // PostgreSQL runs as its own user when we are root
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GATEHOUSE_DATA_DIR: data,
    GATEHOUSE_ADDR: `127.0.0.1:${PORT}`,
    GATEHOUSE_PUBLIC_URL: BASE,
    GATEHOUSE_OWNER_EMAIL: OWNER_EMAIL,
    GATEHOUSE_LOG_LEVEL: 'warn',
    GATEHOUSE_METRICS_ADDR: '',
    GATEHOUSE_TRUSTED_PROXIES: '127.0.0.1',
  };
  delete env.DATABASE_URL;
  delete env.GATEHOUSE_RESEND_API_KEY;
  const proc: ChildProcess = spawn('./bin/gatehouse', ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  proc.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const stop = async () => {
    proc.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    await rm(data, { recursive: true, force: true });
  };
  try {
    await expect.poll(() => out.match(/https?:\/\/\S+\/set-password#token=[A-Za-z0-9_-]+/)?.[0] ?? '', { timeout: 90_000 }).not.toBe('');
  } catch (err) {
    await stop();
    throw new Error(`the fresh server printed no first-sign-in link:\n${out}`, { cause: err });
  }
  return { link: out.match(/https?:\/\/\S+\/set-password#token=[A-Za-z0-9_-]+/)?.[0] ?? '', stop };
}

test('a new owner sets a password, lands on Get started, and it ticks off the offer they create', async ({ page }) => {
  test.setTimeout(180_000);
  const server = await freshServer();
  try {
    await page.goto(server.link);
    await expect(page.getByRole('heading', { level: 1, name: 'Choose your password' })).toBeVisible();
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm new password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Save password and continue' }).click();

    await expect(page).toHaveURL(`${BASE}/admin/start`);
    await expect(page.getByRole('heading', { level: 1, name: 'Get started' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'done' })).toHaveText('0 of 4 done.');
    const step = (name: string) => page.locator('.checklist-item').filter({ has: page.getByRole('heading', { name }) });
    await expect(step('Create an offer').locator('.badge')).toHaveText('To do');
    await expect(step('Connect Resend to send email')).toContainText('GATEHOUSE_RESEND_API_KEY');
    await expectAccessible(page);

    await step('Create an offer').getByRole('link', { name: 'Go to Offers' }).click();
    await page.getByRole('button', { name: 'New offer' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Pottery for beginners');
    await page.getByRole('button', { name: 'Create offer' }).click();
    await expect(page.getByRole('link', { name: 'Pottery for beginners', exact: true })).toBeVisible();

    await page.getByRole('navigation', { name: 'Staff desk' }).getByRole('link', { name: 'Get started' }).click();
    await expect(step('Create an offer').locator('.badge')).toHaveText('Done');
    await expect(page.getByRole('status').filter({ hasText: 'done' })).toHaveText('1 of 4 done.');

    // Hidden, it stays hidden: the next visit to the desk opens the contacts.
    await page.getByRole('button', { name: 'Hide this checklist' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Contacts' })).toBeVisible();
    await page.goto(`${BASE}/admin`);
    await expect(page).toHaveURL(`${BASE}/admin/contacts`);
    await expect(page.getByRole('navigation', { name: 'Staff desk' }).getByRole('link', { name: 'Get started' })).toHaveCount(0);
  } finally {
    await server.stop();
  }
});
