// The one fetch client of the portal. Every call to the server goes through request(): same
// origin, JSON in and out, the session's CSRF token on unsafe methods, and every failure turned
// into an ApiError with the API's error shape ({code, message, fields?, request_id?}).

export type FieldErrors = Record<string, string>;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldErrors;
  readonly requestId?: string;
  /** Seconds from a Retry-After header (429, 503), when the server sent one. */
  readonly retryAfter?: number;
  /** A dead link that was a staff account's set-up link (the owner's first-run link, an invitation). */
  readonly staffSetup: boolean;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    fields?: FieldErrors;
    requestId?: string;
    retryAfter?: number;
    staffSetup?: boolean;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
    this.requestId = init.requestId;
    this.retryAfter = init.retryAfter;
    this.staffSetup = init.staffSetup === true;
  }
}

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

/** Turns anything thrown into an ApiError, so pages deal with one kind of error. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError({ status: 0, code: 'client_error', message: 'Something went wrong in the page. Please reload and try again.' });
}

// The CSRF token lives in memory only (never in storage): it is bound to the HttpOnly session
// cookie, and the session endpoint hands out a fresh one whenever the page asks.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token || null;
}

// Called when the server says the session is gone or must first change its password, so the
// app can re-read the session and route the user. Set once by the session provider.
let sessionProblemHandler: ((code: string) => void) | null = null;

export function onSessionProblem(handler: ((code: string) => void) | null): void {
  sessionProblemHandler = handler;
}

const SESSION_PROBLEMS = new Set(['unauthenticated', 'password_change_required']);

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** A file upload instead: multipart, with the Content-Type (and its boundary) set by the browser. */
  form?: FormData;
  query?: Query;
  signal?: AbortSignal;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** path with the query's non-empty values as a query string. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function statusMessage(status: number): string {
  if (status === 429) return 'Too many attempts. Please wait a little and try again.';
  if (status === 401) return 'Please sign in.';
  if (status === 403) return 'You are not allowed to do this.';
  if (status === 404) return 'This could not be found.';
  if (status >= 500) return `The server could not answer (error ${status}). Please try again in a moment.`;
  return `The request failed (error ${status}). Please try again.`;
}

function retryAfterSeconds(res: Response): number | undefined {
  const raw = res.headers.get('Retry-After');
  if (!raw) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  return JSON.parse(text); // throws on a non-JSON body; the caller decides what that means
}

function isErrorBody(v: unknown): v is { code: string; message: string; fields?: unknown; request_id?: unknown; staff_setup?: unknown } {
  return typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string' && typeof (v as { message?: unknown }).message === 'string';
}

function cleanFields(v: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (typeof v !== 'object' || v === null) return out;
  for (const [k, msg] of Object.entries(v)) {
    if (typeof msg === 'string') out[k] = msg;
  }
  return out;
}

async function errorFrom(res: Response): Promise<ApiError> {
  const retryAfter = retryAfterSeconds(res);
  let body: unknown;
  try {
    body = await readJson(res);
  } catch {
    body = undefined;
  }
  if (isErrorBody(body)) {
    return new ApiError({
      status: res.status,
      code: body.code,
      message: body.message,
      fields: cleanFields(body.fields),
      requestId: typeof body.request_id === 'string' ? body.request_id : undefined,
      retryAfter,
      staffSetup: body.staff_setup === true,
    });
  }
  return new ApiError({ status: res.status, code: `http_${res.status}`, message: statusMessage(res.status), retryAfter });
}

async function send(method: string, url: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  try {
    return await fetch(url, {
      method,
      headers,
      // JSON.stringify(undefined) is undefined: no body.
      body: opts.form || (JSON.stringify(opts.body) as string | undefined),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError({
      status: 0,
      code: 'network_error',
      message: "We couldn't reach the server. Check your connection and try again.",
    });
  }
}

/** Re-reads the session's CSRF token (after it went stale, e.g. a sign-in in another tab). */
async function refreshCsrfToken(): Promise<boolean> {
  try {
    const res = await fetch('/api/auth/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!res.ok) return false;
    const body = (await readJson(res)) as { csrf_token?: string } | undefined;
    setCsrfToken(body?.csrf_token);
    return Boolean(body?.csrf_token);
  } catch {
    return false;
  }
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const url = withQuery(path, opts.query);
  let res = await send(method, url, opts);
  if (res.status === 403 && UNSAFE.has(method)) {
    // A stale token is retried once with a fresh one; any other 403 is final.
    const err = await errorFrom(res.clone());
    if (err.code === 'csrf_token_invalid' && (await refreshCsrfToken())) {
      res = await send(method, url, opts);
    }
  }
  if (!res.ok) {
    const err = await errorFrom(res);
    if (SESSION_PROBLEMS.has(err.code)) sessionProblemHandler?.(err.code);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  try {
    return (await readJson(res)) as T;
  } catch {
    throw new ApiError({
      status: res.status,
      code: `http_${res.status}`,
      message: 'The server sent an answer this page does not understand. Please reload and try again.',
    });
  }
}

export const api = {
  get: <T>(path: string, opts?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, opts),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) => request<T>('POST', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) => request<T>('PATCH', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) => request<T>('PUT', path, { ...opts, body }),
  delete: <T>(path: string, opts?: Omit<RequestOptions, 'body'>) => request<T>('DELETE', path, opts),
};

/** A path segment for an id from the URL or the server. */
export function seg(id: string): string {
  return encodeURIComponent(id);
}
