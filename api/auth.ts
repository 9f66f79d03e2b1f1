/**
 * Who is asking. Bearer tokens map to a customer or a staff session (activities/accounts/sessions.ts).
 * No token: 401. A customer token on a staff route, or a staff role not allowed: 403.
 */
import type { Request, RequestHandler, Response } from 'express';
import { findSession, Session } from '../activities/accounts/sessions';
import type { StaffRole } from '../activities/accounts/staff';
import { getPool } from '../db/pool';
import { forbidden, unauthorized } from './problem';

async function sessionOf(req: Request): Promise<Session> {
  const header = req.get('authorization') ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw unauthorized();
  const session = await findSession(getPool(), m[1]);
  if (!session) throw unauthorized('The bearer token is invalid or has expired. Sign in again.');
  return session;
}

export const requireCustomer: RequestHandler = async (req, res, next) => {
  const s = await sessionOf(req);
  if (s.subjectKind !== 'customer') throw forbidden('This endpoint is for customers.');
  res.locals.session = s;
  next();
};

export function requireStaff(roles: readonly StaffRole[] = ['support', 'operator']): RequestHandler {
  return async (req, res, next) => {
    const s = await sessionOf(req);
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
