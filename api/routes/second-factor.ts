/**
 * The second factor at sign-in (after the phone code answered 202 with a ticket) and at step-up
 * (a signed-in customer confirming it's them before a sensitive change). Both take the same
 * proofs; wrong ones count towards the per-ticket tries and the per-account limit.
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { passkeysOf } from '../../activities/accounts/customer-factors';
import type { OtpSender } from '../../activities/accounts/otp-sender';
import { checkSecondFactor, recordSecondFactorFailure, type SecondFactorProof, type SecondFactorShown } from '../../activities/accounts/second-factor';
import { textSecurityNotice } from '../../activities/accounts/security-notices';
import { markSecondFactor } from '../../activities/accounts/sessions';
import { redeemTicket, ticketAccount } from '../../activities/accounts/sign-in-tickets';
import { authenticationOptions, relyingParty, type AuthenticationResponseJSON } from '../../activities/accounts/webauthn';
import { getPool, withTransaction } from '../../db/pool';
import { DomainError } from '../../platform/errors';
import { requireCustomer, subject } from '../auth';
import { openCustomerSession } from '../customer-session';
import { defineRoute } from '../openapi-registry';
import { appOrigin } from '../origin-check';
import { proof, webauthnOptions } from '../second-factor-schemas';
import { countFailure, refuseIfTooManyFailures } from '../second-factor-limits';
import { STEP_UP_SECONDS } from '../step-up';

/** The relying party of this request: APP_ORIGIN, or the origin the request came to. */
export const rpOf = (req: Request) => relyingParty(appOrigin(req));

const asProof = (p: z.output<typeof proof>): SecondFactorProof =>
  p.method === 'passkey' ? { method: 'passkey', credential: p.credential as unknown as AuthenticationResponseJSON } : p;

async function passkeyOptions(req: Request, accountId: string) {
  const passkeys = await passkeysOf(getPool(), accountId);
  if (passkeys.length === 0) throw new DomainError('conflict', 'no-passkey', 'There is no passkey on this account. Use another way to confirm it’s you.');
  return authenticationOptions(getPool(), rpOf(req), accountId, passkeys);
}

function afterShown(sender: OtpSender, accountId: string, shown: SecondFactorShown): void {
  if (shown.method === 'recovery') textSecurityNotice(getPool(), sender, accountId, 'recovery_code_used');
}

const wrong = (e: unknown) => e instanceof DomainError && (e.code === 'second-factor-wrong' || e.code === 'ticket-exhausted');
const LIMIT_DOC = 'Problem `rate-limited` with `retryAfterSeconds` and a Retry-After header: too many wrong second factors for this account in 15 minutes';

export function secondFactorRoutes(router: Router, sender: OtpSender): void {
  const ticket = z.string().regex(/^tly_t_[A-Za-z0-9_-]{43}$/, 'must be the ticket from /v1/auth/verify');

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/auth/second-factor/passkey-options',
      summary: 'Sign-in, second step: WebAuthn request options for the account of a sign-in ticket',
      tag: 'Sign-in',
      auth: 'none',
      body: z.strictObject({ ticket }),
      responses: { 200: { description: 'Options for navigator.credentials.get', schema: webauthnOptions }, 401: { description: 'Problem `ticket-expired`' }, 409: { description: 'Problem `no-passkey`' } },
    },
    [],
    async ({ body }, req, res) => {
      res.json(await passkeyOptions(req, await ticketAccount(getPool(), body.ticket)));
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/auth/second-factor',
      summary: 'Sign-in, second step: a passkey, an authenticator-app code or a recovery code for the ticket; opens the session as /v1/auth/verify does',
      tag: 'Sign-in',
      auth: 'none',
      body: z.strictObject({ ticket, proof, session: z.enum(['cookie', 'bearer']).default('bearer') }),
      responses: {
        200: { description: 'Signed in', schema: z.object({ token: z.string().optional(), accountId: z.string(), expiresAt: z.string() }) },
        401: { description: 'Problem `second-factor-wrong` (with `triesLeft`), `ticket-expired` or `ticket-exhausted`' },
        429: { description: LIMIT_DOC },
      },
    },
    [],
    async ({ body }, req, res) => {
      const accountId = await ticketAccount(getPool(), body.ticket);
      await refuseIfTooManyFailures(accountId);
      const p = asProof(body.proof);
      let shown: SecondFactorShown;
      try {
        ({ shown } = await redeemTicket(getPool(), body.ticket, async (c, id) => {
          const r = await checkSecondFactor(c, rpOf(req), id, p, `customer:${id}`);
          if (!r) await recordSecondFactorFailure(c, id, p.method, 'sign-in');
          return r;
        }));
      } catch (e) {
        if (wrong(e)) await countFailure(accountId);
        throw e;
      }
      afterShown(sender, accountId, shown);
      res.json(await openCustomerSession(req, res, sender, accountId, body.session, true));
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/auth/step-up/passkey-options',
      summary: "Step-up: WebAuthn request options for the caller's passkeys",
      tag: 'Sign-in',
      auth: 'customer',
      responses: { 200: { description: 'Options for navigator.credentials.get', schema: webauthnOptions }, 409: { description: 'Problem `no-passkey`' } },
    },
    [requireCustomer],
    async (_i, req, res) => {
      res.json(await passkeyOptions(req, subject(res).subjectId));
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/auth/step-up',
      summary: `Step-up: show a second factor; for ${STEP_UP_SECONDS / 60} minutes this session may link or unlink a bank, change phone or email, add or remove a factor, make recovery codes`,
      tag: 'Sign-in',
      auth: 'customer',
      body: z.strictObject({ proof }),
      responses: {
        200: { description: 'Confirmed', schema: z.object({ validUntil: z.string().describe('ISO time the step-up lapses') }) },
        401: { description: 'Problem `second-factor-wrong`' },
        429: { description: LIMIT_DOC },
      },
    },
    [requireCustomer],
    async ({ body }, req, res) => {
      const me = subject(res);
      await refuseIfTooManyFailures(me.subjectId);
      const p = asProof(body.proof);
      const shown = await withTransaction(async (c) => {
        const r = await checkSecondFactor(c, rpOf(req), me.subjectId, p, `customer:${me.subjectId}`);
        if (r) await markSecondFactor(c, me.id);
        else await recordSecondFactorFailure(c, me.subjectId, p.method, 'step-up');
        return r;
      });
      if (!shown) {
        await countFailure(me.subjectId);
        throw new DomainError('unauthorized', 'second-factor-wrong', 'That didn’t work. Try again.');
      }
      afterShown(sender, me.subjectId, shown);
      res.json({ validUntil: new Date(Date.now() + STEP_UP_SECONDS * 1000).toISOString() });
    },
  );
}
