// The one way the web app talks to the API: same origin, the HttpOnly session cookie, JSON both
// ways. Failures become ApiError (errors.ts); responses are checked against the shared zod
// contracts, so a server that broke its contract fails loudly here instead of drawing nonsense.
import type { z } from 'zod';
import { ApiError, errorFromBody } from './errors.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Called when the API says the session is missing or expired (401), so the app can sign in again. */
let onUnauthenticated: (() => void) | undefined;

export function setUnauthenticatedHandler(handler: (() => void) | undefined): void {
  onUnauthenticated = handler;
}

export type Query = Record<string, string | number | undefined>;

export function withQuery(path: string, query: Query | undefined): string {
  if (query === undefined) {
    return path;
  }
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined) {
      params.set(k, String(v));
    }
  }
  const qs = params.toString();
  return qs === '' ? path : `${path}?${qs}`;
}

export async function request<S extends z.ZodType>(
  method: Method,
  path: string,
  schema: S,
  options: { body?: unknown; query?: Query; signal?: AbortSignal } = {},
): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') {
      throw err;
    }
    throw new ApiError(0, [
      { code: 'network', field: undefined, message: 'The server could not be reached.' },
    ]);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = errorFromBody(response.status, body);
    if (response.status === 401 && !path.startsWith('/auth/')) {
      onUnauthenticated?.();
    }
    throw error;
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(response.status, [
      {
        code: 'contract',
        field: undefined,
        message: `The server's answer to ${method} ${path.split('?')[0] ?? path} does not match the API contract.`,
      },
    ]);
  }
  return parsed.data;
}
