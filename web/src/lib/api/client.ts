/**
 * The one place the web app makes requests: openapi-fetch over the types generated from the API's
 * /openapi.json (schema.ts). The session rides in an HttpOnly cookie the browser sends by itself;
 * the app never sees or stores a token.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, type Problem } from './problem';
import { promptStepUp, STEP_UP_SLUG, type StepUpMethod } from '../step-up';

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });

/** Listeners told when the server says the session is gone (401), so the app can send the customer to sign-in. */
const signedOutListeners = new Set<() => void>();
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

/** The problem of a 401, read from a copy (the caller still reads the body). */
async function problemOf(response: Response): Promise<Problem | null> {
  return response
    .clone()
    .json()
    .catch(() => null);
}
const slugOf = (p: Problem | null) => p?.type?.split('/').pop() ?? '';

// A 401 that is not about the session (a wrong code, a step-up to show) does not sign out.
const NOT_SIGNED_OUT = new Set([STEP_UP_SLUG, 'second-factor-wrong', 'code-wrong', 'code-expired', 'code-exhausted', 'ticket-expired', 'ticket-exhausted']);

const sessionWatch: Middleware = {
  async onResponse({ request, response }) {
    const url = new URL(request.url);
    if (response.status !== 401 || url.pathname === '/v1/auth/verify' || url.pathname === '/v1/auth/logout') return undefined;
    if (NOT_SIGNED_OUT.has(slugOf(await problemOf(response)))) return undefined;
    for (const l of signedOutListeners) l();
    return undefined;
  },
};

/** Copies of requests as sent, by openapi-fetch's request id: a step-up sends one again. */
const unsent = new Map<string, Request>();
const stepUp: Middleware = {
  onRequest({ request, id }) {
    unsent.set(id, request.clone());
    return undefined;
  },
  async onResponse({ response, id }) {
    const copy = unsent.get(id);
    unsent.delete(id);
    if (response.status !== 401 || !copy) return undefined;
    const problem = await problemOf(response);
    if (slugOf(problem) !== STEP_UP_SLUG) return undefined;
    const methods = (Array.isArray(problem?.methods) ? problem.methods : []) as StepUpMethod[];
    if (!(await promptStepUp(methods))) return undefined;
    return fetch(copy);
  },
  onError({ id }) {
    unsent.delete(id);
    return undefined;
  },
};
api.use(sessionWatch, stepUp);

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
