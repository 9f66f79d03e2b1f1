/** Phone sign-in for customers (one-time code by SMS) and password + TOTP sign-in for staff. */
import { Router } from 'express';
import { z } from 'zod';
import { startChallenge, verifyChallenge } from '../../activities/accounts/otp-challenges';
import type { OtpSender } from '../../activities/accounts/otp-sender';
import { createSession } from '../../activities/accounts/sessions';
import { authenticateStaff } from '../../activities/accounts/staff';
import { getPool } from '../../db/pool';
import { config } from '../../platform/config';
import { defineRoute } from '../openapi-registry';
import * as s from '../schemas';

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
        202: { description: 'Code sent if the phone belongs to an account', schema: z.object({ challengeId: z.string(), expiresAt: z.string() }) },
        429: { description: 'More than 3 codes for this phone in 10 minutes' },
      },
    },
    [],
    async ({ body }, _req, res) => {
      const { challengeId, expiresAt } = await startChallenge(getPool(), otpSender, body.phone);
      res.status(202).json({ challengeId, expiresAt: expiresAt.toISOString() });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/auth/verify',
      summary: 'Exchange a challenge and its code for a bearer token',
      tag: 'Sign-in',
      auth: 'none',
      body: z.strictObject({ challengeId: s.uuid, code: z.string().regex(/^\d{6}$/, 'must be 6 digits') }),
      responses: {
        200: { description: 'Signed in', schema: z.object({ token: z.string(), accountId: z.string(), expiresAt: z.string() }) },
        401: { description: 'Wrong, expired or exhausted code' },
      },
    },
    [],
    async ({ body }, _req, res) => {
      const accountId = await verifyChallenge(getPool(), body.challengeId, body.code);
      const { token, expiresAt } = await createSession(getPool(), 'customer', accountId, config().SESSION_TTL_SECONDS);
      res.json({ token, accountId, expiresAt: expiresAt.toISOString() });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/staff/login',
      summary: 'Staff sign-in with password and authenticator (TOTP) code',
      tag: 'Staff',
      auth: 'none',
      body: z.strictObject({ email: s.email, password: z.string().min(1, 'is required').max(1024), totp: z.string().regex(/^\d{6}$/, 'must be 6 digits') }),
      responses: {
        200: { description: 'Signed in', schema: z.object({ token: z.string(), role: z.enum(['support', 'operator']), expiresAt: z.string() }) },
        401: { description: 'Wrong email, password or code' },
      },
    },
    [],
    async ({ body }, _req, res) => {
      const staff = await authenticateStaff(getPool(), body);
      const { token, expiresAt } = await createSession(getPool(), 'staff', staff.id, config().STAFF_SESSION_TTL_SECONDS, staff.role);
      res.json({ token, role: staff.role, expiresAt: expiresAt.toISOString() });
    },
  );
}
