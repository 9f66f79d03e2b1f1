/**
 * The one place the web app makes requests: openapi-fetch over the types generated from the API's
 * /openapi.json (schema.ts). The session rides in an HttpOnly cookie the browser sends by itself;
 * the app never sees or stores a token.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, type Problem } from './problem';

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });

/** Listeners told when the server says the session is gone (401), so the app can send the customer to sign-in. */
const signedOutListeners = new Set<() => void>();
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

const sessionWatch: Middleware = {
  onResponse({ request, response }) {
    const url = new URL(request.url);
    if (response.status === 401 && url.pathname !== '/v1/auth/verify' && url.pathname !== '/v1/auth/logout') for (const l of signedOutListeners) l();
    return undefined;
  },
};
api.use(sessionWatch);

/**
 * Turns openapi-fetch's `{ data, error, response }` into a value or a thrown ApiError carrying the
 * problem+json (title, detail, per-field errors), which forms show beside their fields.
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiError({ status: 0, title: 'Network error', detail: "We couldn't reach Timely. Check your connection and try again." });
  }
  const { data, error, response } = result;
  if (!response.ok) throw new ApiError(asProblem(error, response));
  return data as T;
}

function asProblem(error: unknown, response: Response): Problem {
  if (error && typeof error === 'object' && 'status' in error) return error as Problem;
  return { status: response.status, title: response.statusText || 'Error', detail: 'Something went wrong on our side. Please try again in a moment.' };
}
