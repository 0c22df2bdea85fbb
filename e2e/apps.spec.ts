import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { E2E_PORT_BASE, OWNER, Staff, expect, expectAccessible, test, uniqueEmail } from './helpers';

// "Sign in with Gatehouse" from a real relying party: a small app started by this test that
// does the authorization code flow with PKCE against the real binary, as a course site would.
// It runs on "localhost" (the portal on 127.0.0.1): two hosts, so their cookies stay apart.

const RP_PORT = E2E_PORT_BASE + 20;
const RP = `http://localhost:${RP_PORT}`;
const PORTAL = `http://127.0.0.1:${E2E_PORT_BASE}`;

interface Client {
  id: string;
  secret: string;
}

/** The demo app: / says who is signed in; /login starts a sign-in; /callback finishes it. */
function startRelyingParty(client: () => Client): Promise<Server> {
  const pending = new Map<string, { verifier: string; nonce: string }>();
  const sessions = new Map<string, { email: string; offers: string[] }>();
  const b64 = (b: Buffer) => b.toString('base64url');
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', RP);
    const sid = /rp_session=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1];
    if (url.pathname === '/login') {
      const state = b64(randomBytes(16));
      const verifier = b64(randomBytes(32));
      const nonce = b64(randomBytes(16));
      pending.set(state, { verifier, nonce });
      const q = new URLSearchParams({
        client_id: client().id,
        redirect_uri: `${RP}/callback`,
        response_type: 'code',
        scope: 'openid email profile gatehouse',
        state,
        nonce,
        code_challenge: b64(createHash('sha256').update(verifier).digest()),
        code_challenge_method: 'S256',
      });
      res.writeHead(302, { Location: `${PORTAL}/oauth/authorize?${q}` }).end();
      return;
    }
    if (url.pathname === '/callback') {
      const flow = pending.get(url.searchParams.get('state') ?? '');
      if (!flow) return void res.writeHead(400).end('unknown state');
      pending.delete(url.searchParams.get('state') ?? '');
      const token = await fetch(`${PORTAL}/oauth/token`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Authorization: `Basic ${Buffer.from(`${client().id}:${client().secret}`).toString('base64')}`,
        },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: url.searchParams.get('code') ?? '',
          redirect_uri: `${RP}/callback`,
          code_verifier: flow.verifier,
        }),
      });
      const tokens = (await token.json()) as { access_token?: string; id_token?: string };
      const claims = JSON.parse(Buffer.from((tokens.id_token ?? '..').split('.')[1], 'base64url').toString() || '{}');
      if (!token.ok || claims.nonce !== flow.nonce) return void res.writeHead(400).end('sign-in failed');
      const info = await fetch(`${PORTAL}/oauth/userinfo`, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
      const user = (await info.json()) as { email: string; offers: string[] };
      const id = b64(randomBytes(16));
      sessions.set(id, { email: user.email, offers: user.offers });
      res.writeHead(302, { Location: '/', 'Set-Cookie': `rp_session=${id}; Path=/; HttpOnly; SameSite=Lax` }).end();
      return;
    }
    const s = sid ? sessions.get(sid) : undefined;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(
      s
        ? `<!doctype html><title>Course site</title><main><h1>Welcome to the course</h1><p>Signed in as ${s.email}</p><p>Offers: ${s.offers.join(', ')}</p></main>`
        : `<!doctype html><title>Course site</title><main><h1>Course site</h1><a href="/login">Sign in with Gatehouse</a></main>`,
    );
  });
  return new Promise((resolve) => server.listen(RP_PORT, '127.0.0.1', () => resolve(server)));
}

test('a member signs in to an app with Gatehouse, then opens it from My offers without signing in again', async ({ page, request }) => {
  const staff = await Staff.signIn(request);
  const offer = await staff.offer('Pottery course');
  const email = uniqueEmail('rp');
  const contact = await staff.contact(email, 'Rita Relying');
  await staff.grant(contact.id, offer.id, false);
  await staff.post(`/api/admin/contacts/${contact.id}/password`, { password: 'kiln glaze wheel clay slip', temporary: false, notify: false }, 200);
  const app = await staff.post<{ client_id: string; client_secret: string }>('/api/admin/apps', {
    name: 'Course site',
    kind: 'oidc',
    redirect_uris: [`${RP}/callback`],
    launch_url: `${RP}/login`,
    rule: { offer_ids: [offer.id] },
  });
  const rp = await startRelyingParty(() => ({ id: app.client_id, secret: app.client_secret }));
  try {
    // Signed out: the app sends the member to the portal's own login, which names the app.
    await page.goto(`${RP}/`);
    await page.getByRole('link', { name: 'Sign in with Gatehouse' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in to continue to Course site' })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('kiln glaze wheel clay slip');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${RP}/`);
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
    await expect(page.getByText('Offers: pottery-course')).toBeVisible();

    // My offers shows the app under the offer; Open signs in to it with the portal session.
    await page.goto(`${PORTAL}/offers`);
    const visited: string[] = [];
    page.on('framenavigated', (f) => visited.push(f.url()));
    await page.getByRole('list', { name: 'Apps Pottery course opens' }).getByRole('link', { name: 'Open Course site' }).click();
    await expect(page).toHaveURL(`${RP}/`);
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
    expect(visited.filter((u) => u.includes('/login'))).toEqual([]);
  } finally {
    rp.close();
  }
});

test('a member whose offers do not include the app is told so, and the app gets nothing', async ({ page, request }) => {
  const staff = await Staff.signIn(request);
  const offer = await staff.offer('Advanced glazing');
  const email = uniqueEmail('rp-none');
  const contact = await staff.contact(email, 'Nora None');
  await staff.post(`/api/admin/contacts/${contact.id}/password`, { password: 'kiln glaze wheel clay slip', temporary: false, notify: false }, 200);
  const app = await staff.post<{ client_id: string }>('/api/admin/apps', {
    name: 'Glazing forum',
    kind: 'oidc',
    redirect_uris: [`${RP}/callback`],
    rule: { offer_ids: [offer.id] },
  });
  const q = new URLSearchParams({ client_id: app.client_id, redirect_uri: `${RP}/callback`, response_type: 'code', scope: 'openid', state: 's' });
  q.set('code_challenge', createHash('sha256').update('v'.repeat(43)).digest('base64url'));
  q.set('code_challenge_method', 'S256');
  await page.goto(`${PORTAL}/oauth/authorize?${q}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('kiln glaze wheel clay slip');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your account does not include Glazing forum' })).toBeVisible();
  await expect(page).toHaveURL(/\/app-access\?app=/);
  await expectAccessible(page);
});

test('an admin registers an app under Admin → Apps and copies its secret, shown once', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Staff desk' }).getByRole('link', { name: 'Apps' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Apps' })).toBeVisible();
  await page.getByRole('button', { name: 'New app' }).click();
  const name = `Members forum ${Date.now()}`;
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Redirect URIs', { exact: true }).fill('https://forum.example.com/auth/oidc/callback');
  await page.getByLabel('Any member').check();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Register app' }).click();
  await expect(page.getByRole('heading', { name: `Connect “${name}”` })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Client secret', exact: true })).toHaveValue(/^ghs_/);
  await expect(page.getByText(`${PORTAL}/.well-known/openid-configuration`)).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Client secret', exact: true })).toHaveCount(0);
  await expectAccessible(page);
});
