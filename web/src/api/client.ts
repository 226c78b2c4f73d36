/**
 * The one way the interface talks to the server. Same-origin cookies carry the session; the CSRF
 * token lives only in memory (never in browser storage) and goes with every state-changing request.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { ErrorBody } from '@common/api';
import { BACKGROUND_HEADER } from '@common/sessionHeader';
import type { paths } from './openapi.gen';

export interface FieldError {
  path: string;
  message: string;
}

/** A failed API call, carrying the server's error shape (or a synthetic one for network failures). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly requestId: string | null;

  constructor(status: number, code: string, message: string, fields: FieldError[] = [], requestId: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.requestId = requestId;
  }

  /** Errors the user cannot fix by changing input: worth a request id so support can find the log line. */
  get unexpected(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;
const activityListeners = new Set<() => void>();

/**
 * Called after every request the user made (not a timer's): the server has restarted the session's
 * idle timer, so the expiry warning can move its countdown without asking.
 */
export function onUserRequest(listener: () => void): () => void {
  activityListeners.add(listener);
  return () => activityListeners.delete(listener);
}

/** Set from the Me object after login and after GET /api/auth/me. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The auth layer registers how to react to a 401 (drop the user, show the login page). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** Builds `?a=1&b=2`, leaving out empty values so the server's defaults apply. */
export function toQueryString(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Paths whose 401 means "wrong credentials", not "session gone": those must not bounce to login. */
const CREDENTIAL_PATHS = ['/api/auth/login', '/api/auth/mfa', '/api/auth/password', '/api/auth/totp/disable'];

/** Headers every request carries: the language, and the CSRF token on state changes. */
function commonHeaders(method: string): Record<string, string> {
  // The interface's language (set on <html lang> by the i18n provider), not the browser's: the
  // server words its default validation messages in it.
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': document.documentElement.lang || 'zh-CN' };
  if (method.toUpperCase() !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  return headers;
}

async function request<T>(method: Method, path: string, body?: unknown, query?: Query, background = false): Promise<T> {
  const headers = commonHeaders(method);
  if (body !== undefined) headers['content-type'] = 'application/json';
  // A timer's request must not keep an unattended session alive (the server skips the idle touch).
  if (background) headers[BACKGROUND_HEADER] = '1';

  let response: Response;
  try {
    response = await fetch(path + toQueryString(query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }

  if (!response.ok) {
    const error = toApiError(response.status, parsed);
    if (response.status === 401 && !CREDENTIAL_PATHS.includes(path)) onUnauthorized?.();
    throw error;
  }
  if (!background) for (const listener of activityListeners) listener();
  return parsed as T;
}

function toApiError(status: number, parsed: unknown): ApiError {
  const body = parsed as Partial<ErrorBody> | undefined;
  const err = body?.error;
  if (err && typeof err.code === 'string') {
    return new ApiError(status, err.code, err.message ?? '', err.fields ?? [], err.requestId ?? null);
  }
  return new ApiError(status, `http_${status}`, '');
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  /** A GET made by a timer (polls): it does not extend the session. */
  poll: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query, true),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/** Path segments come from data (ids, codes): encode them so nothing can change the route. */
export const seg = (value: string): string => encodeURIComponent(value);

/**
 * The typed client, generated from the server's OpenAPI document (scripts/openapi.ts writes
 * openapi.gen.ts before every type check): a path, method, parameter or body that the server does
 * not declare fails the web's type check. Modules call it from their `api.ts` through `call()`.
 */
const session: Middleware = {
  onRequest({ request: req }) {
    for (const [name, value] of Object.entries(commonHeaders(req.method))) if (!req.headers.has(name)) req.headers.set(name, value);
    return req;
  },
  onResponse({ request: req, response }) {
    const path = new URL(req.url, window.location.origin).pathname;
    if (response.status === 401 && !CREDENTIAL_PATHS.includes(path)) onUnauthorized?.();
    if (response.ok && !req.headers.has(BACKGROUND_HEADER)) for (const listener of activityListeners) listener();
    return response;
  },
};

export const http = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  // The server's defaults apply to absent values: empty strings and nulls are left out, as toQueryString does.
  querySerializer: (q) => toQueryString(q as Query).slice(1),
});
http.use(session);

/** Headers for a request made by a timer (polls): it does not extend the session. */
export const BACKGROUND = { headers: { [BACKGROUND_HEADER]: '1' } } as const;

/**
 * Awaits a typed call and returns its data, or throws the server's error as an ApiError (status 0
 * when the network failed), exactly as `api.*` does.
 */
export async function call<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await pending;
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (!result.response.ok) throw toApiError(result.response.status, result.error);
  return result.data as T; // 204 answers carry no body: the declared type is void
}
