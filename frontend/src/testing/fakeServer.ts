import { vi } from 'vitest';

// The fetch boundary is the only thing tests replace: a tiny table of answers keyed by
// "METHOD /path", recording every request so tests can assert on what the page sent.

export interface SentRequest {
  method: string;
  path: string;
  search: string;
  headers: Record<string, string>;
  body: unknown;
}

type Answer = Response | ((req: SentRequest) => Response | Promise<Response>);

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

/** The server's 422 for inputs it refused: a message per field name, as api/errors.go sends it. */
export function validationFailed(fields: Record<string, string>): Response {
  return json(422, { code: 'validation_failed', message: 'Please correct the highlighted fields.', fields });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

export const ANONYMOUS = {
  authenticated: false,
  must_change_password: false,
  portal_name: 'Acme Academy',
  primary_color: '#4338ca',
  logo_url: '',
};

export function signedIn(role: 'member' | 'support' | 'admin' | 'owner' = 'member', extra: Record<string, unknown> = {}) {
  return {
    ...ANONYMOUS,
    authenticated: true,
    contact: { id: 'c-1', email: 'jane@example.com', name: 'Jane Doe', role },
    csrf_token: 'csrf-123',
    ...extra,
  };
}

export function fakeServer(routes: Record<string, Answer | Answer[]>) {
  const requests: SentRequest[] = [];
  const queues = new Map<string, Answer[]>();
  for (const [key, answer] of Object.entries(routes)) queues.set(key, Array.isArray(answer) ? [...answer] : [answer]);

  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input.toString(), 'http://localhost');
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const req: SentRequest = { method: (init?.method ?? 'GET').toUpperCase(), path: url.pathname, search: url.search, headers, body };
    requests.push(req);
    const queue = queues.get(`${req.method} ${req.path}`);
    if (!queue || queue.length === 0) {
      return json(404, { code: 'not_found', message: `No fake answer for ${req.method} ${req.path}` });
    }
    // The last answer repeats; earlier ones are used once each, in order.
    const answer = queue.length > 1 ? (queue.shift() as Answer) : queue[0];
    const res = typeof answer === 'function' ? await answer(req) : answer.clone();
    return res;
  });
  vi.stubGlobal('fetch', fetchMock);

  return {
    fetch: fetchMock,
    requests,
    calls: (method: string, path: string) => requests.filter((r) => r.method === method && r.path === path),
  };
}
