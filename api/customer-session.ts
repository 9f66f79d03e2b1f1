/**
 * Opening a customer's session once sign-in is complete (the phone code, and the second factor
 * when enrolled): the device it is opened on is kept for the devices list, a device not seen
 * before is a security event (and a text), and the session is a cookie or a bearer token.
 */
import type { Request, Response } from 'express';
import { recordEvent } from '../activities/accounts/accounts-store';
import type { OtpSender } from '../activities/accounts/otp-sender';
import { textSecurityNotice } from '../activities/accounts/security-notices';
import { createSession } from '../activities/accounts/sessions';
import { getPool, withTransaction } from '../db/pool';
import { config } from '../platform/config';
import { setSessionCookie } from './session-cookie';

/** "Chrome on Android": enough to tell one's devices apart, without keeping a fingerprint. */
export function deviceLabel(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : null;
  const os = /iPhone|iPad/.test(ua) ? 'iPhone' : /Android/.test(ua) ? 'Android' : /Mac OS X/.test(ua) ? 'Mac' : /Windows/.test(ua) ? 'Windows' : /Linux/.test(ua) ? 'Linux' : null;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? (ua ? ua.slice(0, 60) : 'Unknown device');
}

export interface OpenedSession {
  token?: string;
  accountId: string;
  expiresAt: string;
}

export async function openCustomerSession(
  req: Request,
  res: Response,
  sender: OtpSender,
  accountId: string,
  mode: 'cookie' | 'bearer',
  secondFactorShown: boolean,
): Promise<OpenedSession> {
  const ttl = config().SESSION_TTL_SECONDS;
  const device = deviceLabel(req.get('user-agent'));
  const { session, newDevice } = await withTransaction(async (c) => {
    const seen = await c.query(
      `SELECT count(*)::int AS opened, count(*) FILTER (WHERE data->>'device' = $2)::int AS here FROM accounts.events WHERE account_id = $1 AND type = 'auth.session_opened'`,
      [accountId, device],
    );
    const session = await createSession(c, 'customer', accountId, ttl, null, { device, secondFactorAt: secondFactorShown ? new Date() : null });
    await recordEvent(c, accountId, 'auth.session_opened', `customer:${accountId}`, { sessionId: session.id, device, secondFactor: secondFactorShown });
    // The very first sign-in (sign-up) is no news; a later one from a device never seen before is.
    const newDevice = seen.rows[0].opened > 0 && seen.rows[0].here === 0;
    if (newDevice) await recordEvent(c, accountId, 'security.new_device', `customer:${accountId}`, { sessionId: session.id, device });
    return { session, newDevice };
  });
  if (newDevice) textSecurityNotice(getPool(), sender, accountId, 'new_device');
  const out = { accountId, expiresAt: session.expiresAt.toISOString() };
  if (mode === 'cookie') {
    setSessionCookie(res, session.token, ttl);
    return out;
  }
  return { token: session.token, ...out };
}
