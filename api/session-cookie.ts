/**
 * The browser's session: the same opaque token as a bearer client gets, but in an HttpOnly cookie,
 * so page scripts (and anything injected into them) can never read it. SameSite=Strict keeps
 * other sites from sending it; api/origin-check.ts refuses what SameSite cannot (a same-site
 * sibling, an old browser).
 */
import type { Request, Response } from 'express';
import { config } from '../platform/config';

export const SESSION_COOKIE = 'timely_session';
/**
 * The console's staff session: its own cookie, so a customer's cookie can never reach a staff
 * route and a staff member's never a customer route (api/auth.ts reads one name per audience).
 */
export const STAFF_SESSION_COOKIE = 'timely_staff_session';
export type CookieName = typeof SESSION_COOKIE | typeof STAFF_SESSION_COOKIE;

/** Cookie header -> name/value pairs (RFC 6265 syntax; no dependency needed for one cookie). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    // The first occurrence wins, as in browsers' own ordering (most specific path first).
    if (name && !(name in out)) {
      try {
        out[name] = decodeURIComponent(value);
      } catch {
        out[name] = value;
      }
    }
  }
  return out;
}

export function sessionCookieOf(req: Request, name: CookieName = SESSION_COOKIE): string | undefined {
  const v = parseCookies(req.get('cookie'))[name];
  return v || undefined;
}

function attributes(maxAgeSeconds: number): string {
  // Secure everywhere but on a developer's plain-http machine and in tests.
  const secure = !['development', 'test'].includes(config().NODE_ENV);
  return `Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function setSessionCookie(res: Response, token: string, maxAgeSeconds: number, name: CookieName = SESSION_COOKIE): void {
  // Tokens are base64url with a prefix: cookie-safe as they are.
  res.append('Set-Cookie', `${name}=${token}; ${attributes(maxAgeSeconds)}`);
}

export function clearSessionCookie(res: Response, name: CookieName = SESSION_COOKIE): void {
  res.append('Set-Cookie', `${name}=; ${attributes(0)}`);
}
