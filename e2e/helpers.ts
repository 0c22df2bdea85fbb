import { expect, type APIRequestContext, type Page, test as base } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Every e2e port is E2E_PORT_BASE (default 4180) plus an offset; see playwright.config.ts. */
export const E2E_PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 4180);

export const OWNER = { email: 'owner@e2e.example.com', password: 'tidal meadow lantern quartz sky' };

let counter = 0;
/** A unique address per test (and per run), so tests never share an account. */
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.floor(Math.random() * 1e6)}@e2e.example.com`;
}

function randomIP(): string {
  const n = () => 1 + Math.floor(Math.random() * 254);
  return `10.${n()}.${n()}.${n()}`;
}

/** Each test is its own client address (the e2e server trusts X-Forwarded-For from loopback). */
export const test = base.extend({
  // Playwright reads a fixture's dependencies from its first parameter: an empty pattern is "none".
  // eslint-disable-next-line no-empty-pattern
  extraHTTPHeaders: async ({}, use) => {
    await use({ 'X-Forwarded-For': randomIP() });
  },
});
export { expect };

/** Staff calls through the real API, signed in as the owner. */
export class Staff {
  private csrf = '';
  constructor(private readonly request: APIRequestContext) {}

  static async signIn(request: APIRequestContext): Promise<Staff> {
    const s = new Staff(request);
    const res = await request.post('/api/auth/login', { data: OWNER });
    expect(res.status(), await res.text()).toBe(200);
    s.csrf = (await res.json()).csrf_token;
    return s;
  }

  async post<T>(path: string, data: unknown, status = 201): Promise<T> {
    const res = await this.request.post(path, { data, headers: { 'X-CSRF-Token': this.csrf } });
    expect(res.status(), await res.text()).toBe(status);
    return (await res.json()) as T;
  }

  async offer(name: string): Promise<{ id: string }> {
    return this.post('/api/admin/offers', {
      name,
      description: `${name}: twelve short lessons.`,
      content_links: [{ label: 'Start lesson 1', url: 'https://learn.example.com/lesson-1' }],
    });
  }

  async contact(email: string, name: string): Promise<{ id: string }> {
    return this.post('/api/admin/contacts', { email, name });
  }

  async grant(contactId: string, offerId: string, sendWelcome: boolean): Promise<void> {
    await this.post(`/api/admin/contacts/${contactId}/offers`, { offer_id: offerId, send_welcome: sendWelcome });
  }

  /** The subjects of the emails captured for `to`, newest first. */
  async mailboxSubjects(to: string): Promise<string[]> {
    const res = await this.request.get(`/api/admin/mailbox?to=${encodeURIComponent(to)}`);
    return ((await res.json()).items as { subject: string }[]).map((m) => m.subject);
  }

  /** Waits for the newest captured email to `to` whose subject matches, and returns its link. */
  async linkFor(to: string, subject: RegExp, after = 0): Promise<string> {
    return this.fromMailbox(to, subject, after, (text) => text.match(/https?:\/\/\S+#token=[A-Za-z0-9_-]+/)?.[0]);
  }

  /**
   * Waits for the newest captured email to `to` whose subject matches and returns the 6-digit
   * code it carries (a sign-in code, or the code beside a link).
   */
  async codeFor(to: string, subject: RegExp, after = 0): Promise<string> {
    return this.fromMailbox(to, subject, after, (text) => text.match(/(?:^ {4}|email address: )(\d{6})\s*$/m)?.[1]);
  }

  /** Polls the mailbox until the newest email to `to` matching subject (sent after `after`) yields pick's value. */
  private async fromMailbox(to: string, subject: RegExp, after: number, pick: (text: string) => string | undefined): Promise<string> {
    let found = '';
    await expect
      .poll(
        async () => {
          const res = await this.request.get(`/api/admin/mailbox?to=${encodeURIComponent(to)}`);
          const items: { subject: string; text: string; created_at: string }[] = (await res.json()).items;
          const hit = items.find((m) => subject.test(m.subject) && Date.parse(m.created_at) > after);
          found = (hit && pick(hit.text)) ?? '';
          return found;
        },
        { timeout: 15_000 },
      )
      .not.toBe('');
    return found;
  }
}

const wcag = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Fails on any serious or critical accessibility violation on the current page. */
export async function expectAccessible(page: Page): Promise<void> {
  // Email previews sit in sandboxed iframes (no scripts): axe cannot enter them, and need not.
  const results = await new AxeBuilder({ page }).withTags(wcag).exclude('iframe').options({ iframes: false }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

type FakeMessage = { id: string; to: string[]; subject: string; text: string; received_at: string };

/** The fake Resend process behind the "desk" server (see e2e/server.sh, E2E_MAIL=resend). */
export class FakeResend {
  constructor(
    private readonly request: APIRequestContext,
    private readonly base = `http://127.0.0.1:${E2E_PORT_BASE + 11}`,
  ) {}

  async messagesTo(to: string): Promise<FakeMessage[]> {
    const res = await this.request.get(`${this.base}/_fake/messages?to=${encodeURIComponent(to)}`);
    expect(res.status()).toBe(200);
    return (await res.json()) as FakeMessage[];
  }

  /**
   * The next `times` sends to `to` are refused with `status` (422: the email fails at once).
   * Scoped to one recipient: tests run side by side against the same fake.
   */
  async failNext(to: string, status: number, message = 'The fake refused this email.', times = 1): Promise<void> {
    const res = await this.request.post(`${this.base}/_fake/faults`, {
      data: { To: to, Status: status, Times: times, Name: 'validation_error', Message: message },
    });
    expect(res.status()).toBe(204);
  }

  /** Delivers a signed webhook event (email.delivered, email.bounced …) about a sent email. */
  async event(type: string, resendId: string, bounceType?: string): Promise<number> {
    const res = await this.request.post(`${this.base}/_fake/events`, { data: { type, email_id: resendId, bounce_type: bounceType } });
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()).status;
  }

  /** Waits for an email to `to` with a matching subject received after `after`; returns its link. */
  async linkFor(to: string, subject: RegExp, after = 0): Promise<string> {
    let link = '';
    await expect
      .poll(
        async () => {
          const hit = (await this.messagesTo(to)).reverse().find((m) => subject.test(m.subject) && Date.parse(m.received_at) > after);
          link = hit?.text.match(/https?:\/\/\S+#token=[A-Za-z0-9_-]+/)?.[0] ?? '';
          return link;
        },
        { timeout: 15_000 },
      )
      .not.toBe('');
    return link;
  }
}
