/** Phone sign-in for customers (one-time code by SMS) and password + TOTP sign-in for staff. */
import { Router } from 'express';
import { z } from 'zod';
import { startChallenge, verifyChallenge } from '../../activities/accounts/otp-challenges';
import type { OtpSender } from '../../activities/accounts/otp-sender';
import { secondFactorMethods } from '../../activities/accounts/customer-factors';
import { createSession, revokeSession } from '../../activities/accounts/sessions';
import { issueTicket } from '../../activities/accounts/sign-in-tickets';
import { authenticateStaff, getStaffMember } from '../../activities/accounts/staff';
import { getPool } from '../../db/pool';
import { config } from '../../platform/config';
import { authenticate, requireStaff, subject } from '../auth';
import { badRequest, unauthorized } from '../problem';
import { defineRoute } from '../openapi-registry';
import { openCustomerSession } from '../customer-session';
import { clearSessionCookie, sessionCookieOf, setSessionCookie, STAFF_SESSION_COOKIE } from '../session-cookie';
import * as s from '../schemas';
import { consumeOrThrow, limiters } from '../rate-limits';
import { clearFailures, isCredentialFailure, recordFailure, refuseIfLocked } from '../staff-lockout';

export function authRoutes(router: Router, otpSender: OtpSender): void {
  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/auth/otp',
      summary: 'Send a 6-digit sign-in code to a phone',
      tag: 'Sign-in',
      auth: 'none',
      body: z.strictObject({ phone: s.phone }),
      responses: {
        202: {
          description: 'Code sent if the phone belongs to an account (the answer is the same either way)',
          schema: z.object({
            challengeId: z.string(),
            expiresAt: z.string().describe('ISO time the code stops working'),
            triesLeft: z.number().int().describe('Tries this code allows'),
            resendAvailableAt: z.string().describe('ISO time a new code for this phone may be asked for (at most 3 per 10 minutes)'),
          }),
        },
        429: {
          description:
            'Problem `rate-limited` with `retryAfterSeconds` and a Retry-After header: more than 3 codes for this phone in 10 minutes, too many codes from this client address in an hour (any phones), or too many from everyone in a minute',
        },
      },
    },
    [],
    async ({ body }, req, res) => {
      // Per address and globally, before the per-phone limit: guessing must not scale with the
      // number of phones attacked, nor the SMS bill with the number of clients.
      const l = limiters();
      await consumeOrThrow(
        'Too many sign-in codes were asked for. Try again later.',
        [l.otpPerAddress, req.ip ?? 'unknown'],
        [l.otpGlobal, 'all'],
      );
      const c = await startChallenge(getPool(), otpSender, body.phone);
      res.status(202).json({ challengeId: c.challengeId, expiresAt: c.expiresAt.toISOString(), triesLeft: c.triesLeft, resendAvailableAt: c.resendAvailableAt.toISOString() });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/auth/verify',
      summary: 'Exchange a challenge and its code for a session: a bearer token, or (session: "cookie") the HttpOnly timely_session cookie',
      tag: 'Sign-in',
      auth: 'none',
      body: z.strictObject({
        challengeId: s.uuid,
        code: z.string().regex(/^\d{6}$/, 'must be 6 digits'),
        session: z.enum(['cookie', 'bearer']).default('bearer').describe('cookie: for the web app; the token is set as an HttpOnly cookie and not returned'),
      }),
      responses: {
        200: {
          description: 'Signed in',
          schema: z.object({
            token: z.string().optional().describe('Bearer token; absent with session: "cookie"'),
            accountId: z.string(),
            expiresAt: z.string(),
          }),
        },
        202: {
          description: 'The phone code was right and the account has a second factor: show it with the ticket (POST /v1/auth/second-factor)',
          schema: z.object({
            secondFactorRequired: z.literal(true),
            ticket: z.string(),
            methods: z.array(z.enum(['passkey', 'totp', 'recovery'])),
            expiresAt: z.string(),
            triesLeft: z.number().int(),
          }),
        },
        401: { description: 'Problem `code-wrong` (with `triesLeft`), `code-expired` or `code-exhausted`' },
      },
    },
    [],
    async ({ body }, req, res) => {
      const accountId = await verifyChallenge(getPool(), body.challengeId, body.code);
      const methods = await secondFactorMethods(getPool(), accountId);
      if (methods.length > 0) {
        const t = await issueTicket(getPool(), accountId);
        res.status(202).json({ secondFactorRequired: true, ticket: t.ticket, methods, expiresAt: t.expiresAt.toISOString(), triesLeft: t.triesLeft });
        return;
      }
      res.json(await openCustomerSession(req, res, otpSender, accountId, body.session, false));
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/auth/logout',
      summary: "Sign out: ends the caller's session (cookie or bearer token) on the server and clears the cookie",
      tag: 'Sign-in',
      auth: 'customer',
      responses: { 204: { description: 'Signed out' } },
    },
    [],
    async (_i, req, res) => {
      // Customers and staff alike; any live session may end itself.
      const { token, via } = await authenticate(req);
      await revokeSession(getPool(), token);
      if (via === 'cookie' || sessionCookieOf(req)) clearSessionCookie(res);
      res.status(204).end();
    },
  );

  const staffRole = z.enum(['support', 'operator']);
  const staffWho = z.object({ id: z.string(), email: z.string(), role: staffRole });

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/staff/login',
      summary: 'Staff sign-in with password and authenticator (TOTP) code: a bearer token, or (session: "cookie") the HttpOnly timely_staff_session cookie',
      tag: 'Staff',
      auth: 'none',
      body: z.strictObject({
        email: s.email,
        password: z.string().min(1, 'is required').max(1024),
        totp: z.string().regex(/^\d{6}$/, 'must be 6 digits').optional().describe('Required once enrolled; omit at the first sign-in to get the QR code'),
        session: z.enum(['cookie', 'bearer']).default('bearer').describe('cookie: for the console; the token is set as an HttpOnly cookie and not returned'),
      }),
      responses: {
        200: {
          description: 'Signed in',
          schema: z.object({
            token: z.string().optional().describe('Bearer token; absent with session: "cookie"'),
            role: staffRole.optional().describe('Bearer sign-in only (as before); the same as staff.role'),
            staff: staffWho,
            expiresAt: z.string(),
          }),
        },
        400: { description: 'Problem `validation-error`; field `totp` "is required" when the member is enrolled and sent no code' },
        401: {
          description:
            'Problem `invalid-credentials` (wrong email, password or code: no hint which), or `totp-enrollment-required` with `otpauthUrl` and `secret` (right password, authenticator not enrolled yet, no code sent)',
        },
        429: {
          description:
            'Problem `rate-limited` with `retryAfterSeconds` and a Retry-After header: the email is locked after repeated failures (even for the right password; each further lockout within a day lasts twice as long), or this client address failed too often',
        },
      },
    },
    [],
    async ({ body }, req, res) => {
      await refuseIfLocked(req, body.email);
      let signIn: Awaited<ReturnType<typeof authenticateStaff>>;
      try {
        signIn = await authenticateStaff(getPool(), body);
      } catch (e) {
        if (isCredentialFailure(e)) await recordFailure(getPool(), req, body.email);
        throw e;
      }
      if (signIn.ok) await clearFailures(body.email);
      if (!signIn.ok) throw badRequest('The body is invalid.', [{ field: 'totp', message: 'is required' }]);
      const ttl = config().STAFF_SESSION_TTL_SECONDS;
      const { token, expiresAt } = await createSession(getPool(), 'staff', signIn.id, ttl, signIn.role);
      const staff = { id: signIn.id, email: signIn.email, role: signIn.role };
      if (body.session === 'cookie') {
        setSessionCookie(res, token, ttl, STAFF_SESSION_COOKIE);
        res.json({ staff, expiresAt: expiresAt.toISOString() });
      } else res.json({ token, role: signIn.role, staff, expiresAt: expiresAt.toISOString() });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/staff/logout',
      summary: "Staff sign-out: ends the caller's staff session (cookie or bearer token) on the server and clears the staff cookie",
      tag: 'Staff',
      auth: 'staff',
      responses: { 204: { description: 'Signed out' }, 401: { description: 'No staff session' } },
    },
    [requireStaff()],
    async (_i, req, res) => {
      const { token, via } = await authenticate(req, 'staff');
      await revokeSession(getPool(), token);
      if (via === 'cookie' || sessionCookieOf(req, STAFF_SESSION_COOKIE)) clearSessionCookie(res, STAFF_SESSION_COOKIE);
      res.status(204).end();
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/v1/staff/me',
      summary: 'The signed-in staff member and when their session ends',
      tag: 'Staff',
      auth: 'staff',
      responses: { 200: { description: 'OK', schema: staffWho.extend({ expiresAt: z.string() }) }, 401: { description: 'No staff session' } },
    },
    [requireStaff()],
    async (_i, _req, res) => {
      const me = subject(res);
      const member = await getStaffMember(getPool(), me.subjectId);
      if (!member) throw unauthorized('Your session has ended. Sign in again.');
      res.json({ id: member.id, email: member.email, role: member.role, expiresAt: me.expiresAt.toISOString() });
    },
  );
}
