/**
 * Cross-site request forgery guard. A browser attaches the session cookie to any request to us,
 * even one a foreign page makes, so an unsafe request must prove it comes from our own pages: the
 * Origin header browsers set on every POST/PUT/PATCH/DELETE must be the app's origin.
 *
 * - Any unsafe request whose Origin is present and foreign: 403 (also forged sign-up/otp/verify
 *   form posts, which carry no cookie).
 * - An unsafe request authenticated by the cookie without an Origin: 403 (api/auth.ts asks here).
 * - Bearer clients (no cookie involved, usually no Origin) are unaffected.
 * Plaid's webhook is server-to-server and signature-verified, so it is exempt; the codec server
 * is called by the Temporal UI (another origin) and checks that origin itself.
 */
import type { Request, RequestHandler } from 'express';
import { config } from '../platform/config';
import { Problem } from './problem';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// The codec server does its own check against the Temporal UI's origins (api/codec-server.ts).
const EXEMPT = new Set(['POST /v1/webhooks/plaid', 'POST /codec/decode', 'POST /codec/encode']);

export const isUnsafe = (req: Request) => UNSAFE.has(req.method) && !EXEMPT.has(`${req.method} ${req.path}`);

/** APP_ORIGIN when set; else the origin the request was sent to (trust proxy: loopback only). */
export function appOrigin(req: Request): string {
  return config().APP_ORIGIN ?? `${req.protocol}://${req.get('host')}`;
}

export const originMismatch = (detail: string) => new Problem(403, 'origin-mismatch', detail);

/** For a cookie-authenticated request: an unsafe one must carry our own Origin. */
export function assertCookieOrigin(req: Request): void {
  if (!isUnsafe(req)) return;
  const origin = req.get('origin');
  if (origin !== appOrigin(req)) throw originMismatch('This request must come from the Timely app (its Origin header is missing or foreign).');
}

/** Global: an unsafe request from a foreign page is refused before anything is read or written. */
export const rejectForeignOrigin: RequestHandler = (req, _res, next) => {
  const origin = req.get('origin');
  if (origin !== undefined && isUnsafe(req) && origin !== appOrigin(req))
    throw originMismatch(`Requests from ${origin} are not accepted; use the Timely app.`);
  next();
};
