import { defineConfig, devices } from '@playwright/test';

// Debian's chromium (apt-get install chromium): Playwright's own browser download is not
// reachable here, and not needed.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const args = [
  '--no-sandbox', // CI runs as root
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const browser = { ...devices['Desktop Chrome'], launchOptions: { executablePath, args } };

// Two real servers: "portal" captures email in the local mailbox; "desk" sends it to the fake
// Resend process, which the desk tests steer (failed sends, bounce webhooks).
// E2E_PORT_BASE moves every port (two checkouts can run their browser tests at once).
const base = Number(process.env.E2E_PORT_BASE ?? 4180);
const portal = base;
const desk = base + 1;
const resendPort = base + 11;
const oidcPort = base + 12;
const server = (port: number, env: string) => ({
  command: `E2E_PORT=${port} ${env} ./e2e/server.sh`,
  url: `http://127.0.0.1:${port}/readyz`,
  reuseExistingServer: false,
  timeout: 120_000,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
});

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    { name: 'portal', testIgnore: /(desk|email)\.spec\.ts/, use: { ...browser, baseURL: `http://127.0.0.1:${portal}` } },
    { name: 'desk', testMatch: /(desk|email)\.spec\.ts/, use: { ...browser, baseURL: `http://127.0.0.1:${desk}` } },
  ],
  webServer: [
    server(portal, `E2E_MAIL=capture E2E_OIDC_PORT=${oidcPort}`),
    server(desk, `E2E_MAIL=resend E2E_RESEND_PORT=${resendPort}`),
  ],
});
