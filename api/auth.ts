/**
 * Who is asking. A session comes from `Authorization: Bearer <token>` (API clients) or, when that
 * header is absent, from a cookie (the browser; api/session-cookie.ts): `timely_session` on
 * customer routes, `timely_staff_session` on staff routes, never the other way round. Both map to
 * a customer or staff session (activities/accounts/sessions.ts).
 * No session: 401. A customer session on a staff route, or a staff role not allowed: 403.
 * A cookie-authenticated unsafe request from a foreign or missing Origin: 403 (api/origin-check.ts).
 */
import type { Request, RequestHandler, Response } from 'express';
import { findSession, Session } from '../activities/accounts/sessions';
import type { StaffRole } from '../activities/accounts/staff';
import { getPool } from '../db/pool';
import { assertCookieOrigin } from './origin-check';
import { forbidden, unauthorized } from './problem';
import { SESSION_COOKIE, sessionCookieOf, STAFF_SESSION_COOKIE } from './session-cookie';

export interface Authenticated {
  session: Session;
  /** The raw token, kept only for the request (sign-out revokes it). */
  token: string;
  via: 'bearer' | 'cookie';
}

export type Audience = 'customer' | 'staff';

/** The caller's session, or a 401/403 problem. `audience` picks the cookie a browser may use. */
export async function authenticate(req: Request, audience: Audience = 'customer'): Promise<Authenticated> {
  const header = req.get('authorization');
  let token: string;
  let via: Authenticated['via'];
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw unauthorized();
    [token, via] = [m[1], 'bearer'];
  } else {
    const cookie = sessionCookieOf(req, audience === 'staff' ? STAFF_SESSION_COOKIE : SESSION_COOKIE);
    if (!cookie) throw unauthorized('Sign in first: send a bearer token or the session cookie.');
    assertCookieOrigin(req);
    [token, via] = [cookie, 'cookie'];
  }
  const session = await findSession(getPool(), token);
  if (!session) throw unauthorized(via === 'bearer' ? 'The bearer token is invalid or has expired. Sign in again.' : 'Your session has ended. Sign in again.');
  return { session, token, via };
}

export const requireCustomer: RequestHandler = async (req, res, next) => {
  const { session: s } = await authenticate(req);
  if (s.subjectKind !== 'customer') throw forbidden('This endpoint is for customers.');
  res.locals.session = s;
  next();
};

export function requireStaff(roles: readonly StaffRole[] = ['support', 'operator']): RequestHandler {
  return async (req, res, next) => {
    const { session: s } = await authenticate(req, 'staff');
    if (s.subjectKind !== 'staff') throw forbidden('This endpoint is for staff.');
    if (!roles.includes(s.role as StaffRole)) throw forbidden(`This endpoint needs one of the roles: ${roles.join(', ')}.`);
    res.locals.session = s;
    next();
  };
}

/** The authenticated subject of a guarded route. */
export function subject(res: Response): Session {
  return res.locals.session as Session;
}

export const actorOf = (s: Session) => `${s.subjectKind}:${s.subjectId}`;
