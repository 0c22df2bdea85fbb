import { describe, expect, it, vi } from 'vitest';
import { api, ApiError, request, setCsrfToken } from './client';
import { fakeServer, json } from '../testing/fakeServer';

describe('api client', () => {
  it('parses the error shape into an ApiError', async () => {
    fakeServer({
      'POST /api/auth/login': json(422, {
        code: 'validation_failed',
        message: 'Please correct the highlighted fields.',
        fields: { email: 'Enter your email address.' },
        request_id: 'req-42',
      }),
    });
    const err = await api.post('/api/auth/login', { email: '', password: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 422,
      code: 'validation_failed',
      message: 'Please correct the highlighted fields.',
      fields: { email: 'Enter your email address.' },
      requestId: 'req-42',
    });
  });

  it('reads Retry-After on rate limits', async () => {
    fakeServer({ 'POST /api/auth/forgot-password': json(429, { code: 'rate_limited', message: 'Too many attempts.' }, { 'Retry-After': '30' }) });
    const err = (await api.post('/api/auth/forgot-password', { email: 'a@b.c' }).catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('rate_limited');
    expect(err.retryAfter).toBe(30);
  });

  it('turns a non-JSON failure into http_<status> with a human message', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } })));
    const err = (await api.get('/api/portal/offers').catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(502);
    expect(err.code).toBe('http_502');
    expect(err.message).toMatch(/try again/i);
    expect(err.fields).toEqual({});
  });

  it('turns a network failure into network_error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const err = (await api.get('/api/auth/session').catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('network_error');
    expect(err.status).toBe(0);
    expect(err.message).toMatch(/couldn't reach the server/i);
  });

  it('sends JSON same-origin, and X-CSRF-Token only on unsafe methods', async () => {
    const server = fakeServer({
      'GET /api/portal/sessions': json(200, { items: [] }),
      'POST /api/portal/password': new Response(null, { status: 204 }),
      'DELETE /api/portal/sessions/s-1': new Response(null, { status: 204 }),
    });
    setCsrfToken('tok-1');
    await api.get('/api/portal/sessions');
    await expect(api.post('/api/portal/password', { current_password: 'a', new_password: 'b' })).resolves.toBeUndefined();
    await api.delete('/api/portal/sessions/s-1');

    const [get, post, del] = server.requests;
    expect(get.headers['x-csrf-token']).toBeUndefined();
    expect(post.headers['x-csrf-token']).toBe('tok-1');
    expect(post.headers['content-type']).toBe('application/json');
    expect(post.body).toEqual({ current_password: 'a', new_password: 'b' });
    expect(del.headers['x-csrf-token']).toBe('tok-1');
    for (const call of server.fetch.mock.calls) {
      expect((call[1] as RequestInit).credentials).toBe('same-origin');
    }
  });

  it('retries once with a fresh token when the CSRF token went stale', async () => {
    const server = fakeServer({
      'POST /api/portal/sessions/sign-out-others': [
        json(403, { code: 'csrf_token_invalid', message: 'Your session token is missing or stale.' }),
        json(200, { ended: 2 }),
      ],
      'GET /api/auth/session': json(200, { authenticated: true, csrf_token: 'fresh' }),
    });
    setCsrfToken('stale');
    await expect(api.post('/api/portal/sessions/sign-out-others')).resolves.toEqual({ ended: 2 });
    const posts = server.calls('POST', '/api/portal/sessions/sign-out-others');
    expect(posts.map((r) => r.headers['x-csrf-token'])).toEqual(['stale', 'fresh']);
  });

  it('sends FormData as is (the browser sets the multipart type), with the CSRF token', async () => {
    const server = fakeServer({ 'POST /api/admin/imports': json(202, { id: 'i1' }) });
    setCsrfToken('tok-2');
    const form = new FormData();
    form.append('file', new File(['email\n'], 'a.csv'));
    await expect(request('POST', '/api/admin/imports', { form })).resolves.toEqual({ id: 'i1' });
    const init = server.fetch.mock.calls[0][1] as RequestInit;
    expect(init.body).toBe(form);
    expect(server.requests[0].headers['content-type']).toBeUndefined();
    expect(server.requests[0].headers['x-csrf-token']).toBe('tok-2');
  });

  it('builds query strings without empty values', async () => {
    const server = fakeServer({ 'GET /api/admin/contacts': json(200, { items: [], next_cursor: '' }) });
    await api.get('/api/admin/contacts', { query: { q: 'jane doe', cursor: '', offer_id: undefined, limit: 20 } });
    expect(server.requests[0].search).toBe('?q=jane+doe&limit=20');
  });
});
