/**
 * The customer's own security settings: second factors (passkeys, an authenticator app),
 * recovery codes, signed-in devices, and changing the phone number. What could hand the account
 * to someone else needs a recent second factor (api/step-up.ts); every change is a security event
 * in the account's history and a text to the customer.
 */
import { Router } from 'express';
import { z } from 'zod';
import { getAccount } from '../../activities/accounts/accounts-store';
import { addPasskey, confirmTotp, listFactors, passkeysOf, removeFactor, secondFactorMethods, startTotp } from '../../activities/accounts/customer-factors';
import { confirmPhoneChange, startPhoneChange } from '../../activities/accounts/otp-challenges';
import type { OtpSender } from '../../activities/accounts/otp-sender';
import { createRecoveryCodes } from '../../activities/accounts/recovery-codes';
import { textSecurityNotice } from '../../activities/accounts/security-notices';
import { listDeviceSessions, markSecondFactor, revokeDeviceSession, revokeSessionsOf } from '../../activities/accounts/sessions';
import { registrationOptions, verifyRegistration, type RegistrationResponseJSON } from '../../activities/accounts/webauthn';
import { getPool } from '../../db/pool';
import { DomainError } from '../../platform/errors';
import { actorOf, requireCustomer, subject } from '../auth';
import { defineRoute } from '../openapi-registry';
import { notFound } from '../problem';
import * as s from '../schemas';
import { factorSummary, factorView, passkeyAttestation, passkeyName, totpCode, webauthnOptions } from '../second-factor-schemas';
import { clearSessionCookie, sessionCookieOf } from '../session-cookie';
import { requireStepUp, STEP_UP_DOC } from '../step-up';
import { rpOf } from './second-factor';

const stepUp = { 401: { description: STEP_UP_DOC } };

export function securityRoutes(router: Router, sender: OtpSender): void {
  defineRoute(
    router,
    {
      method: 'get',
      path: '/v1/me/factors',
      summary: "The caller's second factors (names and dates, never secrets) and how many recovery codes are left",
      tag: 'Security',
      auth: 'customer',
      responses: { 200: { description: 'OK', schema: factorSummary.extend({ methods: z.array(z.enum(['passkey', 'totp', 'recovery'])) }) } },
    },
    [requireCustomer],
    async (_i, _req, res) => {
      const id = subject(res).subjectId;
      const [summary, methods] = await Promise.all([listFactors(getPool(), id), secondFactorMethods(getPool(), id)]);
      res.json({ ...summary, methods });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/me/factors/totp',
      summary: 'Start setting up an authenticator app: a new secret and its otpauth:// URL (for a QR code), shown once; confirm with its first code',
      tag: 'Security',
      auth: 'customer',
      responses: { 201: { description: 'Pending until confirmed', schema: z.object({ secret: z.string(), otpauthUrl: z.string() }) }, ...stepUp, 409: { description: 'Problem `totp-already-enrolled`' } },
    },
    [requireCustomer, requireStepUp],
    async (_i, _req, res) => {
      const me = await getAccount(getPool(), subject(res).subjectId);
      if (!me) throw notFound('The account no longer exists.');
      res.status(201).json(await startTotp(getPool(), me.id, me.email));
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/me/factors/totp/confirm',
      summary: "Finish setting up the authenticator app with its current code (which is then spent); counts as this session's second factor",
      tag: 'Security',
      auth: 'customer',
      body: z.strictObject({ code: totpCode }),
      responses: { 201: { description: 'Enrolled', schema: factorView }, 401: { description: `Problem \`second-factor-wrong\`, or ${STEP_UP_DOC}` }, 409: { description: 'Problem `totp-not-started`' } },
    },
    [requireCustomer, requireStepUp],
    async ({ body }, _req, res) => {
      const me = subject(res);
      const factor = await confirmTotp(getPool(), me.subjectId, body.code, actorOf(me));
      await markSecondFactor(getPool(), me.id);
      textSecurityNotice(getPool(), sender, me.subjectId, 'factor_added');
      res.status(201).json(factor);
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/me/factors/passkeys/options',
      summary: 'WebAuthn creation options for a new passkey (the relying party is the app origin)',
      tag: 'Security',
      auth: 'customer',
      responses: { 200: { description: 'Options for navigator.credentials.create', schema: webauthnOptions }, ...stepUp },
    },
    [requireCustomer, requireStepUp],
    async (_i, req, res) => {
      const me = await getAccount(getPool(), subject(res).subjectId);
      if (!me) throw notFound('The account no longer exists.');
      const user = { accountId: me.id, name: me.email, displayName: `${me.firstName} ${me.lastName}` };
      res.json(await registrationOptions(getPool(), rpOf(req), user, await passkeysOf(getPool(), me.id)));
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/me/factors/passkeys',
      summary: "Register a passkey under a name, with the authenticator's answer to the creation options; counts as this session's second factor",
      tag: 'Security',
      auth: 'customer',
      body: z.strictObject({ name: passkeyName, credential: passkeyAttestation }),
      responses: { 201: { description: 'Registered', schema: factorView }, 400: { description: 'The passkey did not verify (field `credential`)' }, ...stepUp, 409: { description: 'Problem `passkey-taken`' } },
    },
    [requireCustomer, requireStepUp],
    async ({ body }, req, res) => {
      const me = subject(res);
      const passkey = await verifyRegistration(getPool(), rpOf(req), me.subjectId, body.credential as unknown as RegistrationResponseJSON);
      if (!passkey) throw new DomainError('invalid', 'validation-error', 'The passkey could not be verified. Try again.', 'credential');
      const factor = await addPasskey(getPool(), me.subjectId, body.name, passkey, actorOf(me));
      await markSecondFactor(getPool(), me.id);
      textSecurityNotice(getPool(), sender, me.subjectId, 'factor_added');
      res.status(201).json(factor);
    },
  );

  defineRoute(
    router,
    {
      method: 'delete',
      path: '/v1/me/factors/:id',
      summary: 'Remove a passkey or the authenticator app, while another factor remains',
      tag: 'Security',
      auth: 'customer',
      params: z.object({ id: s.uuid }),
      responses: { 204: { description: 'Removed' }, ...stepUp, 404: { description: 'No such factor' }, 409: { description: 'Problem `last-factor`' } },
    },
    [requireCustomer, requireStepUp],
    async ({ params }, _req, res) => {
      const me = subject(res);
      await removeFactor(getPool(), me.subjectId, params.id, actorOf(me), { keepOne: true });
      textSecurityNotice(getPool(), sender, me.subjectId, 'factor_removed');
      res.status(204).end();
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/me/recovery-codes',
      summary: 'Ten new one-time recovery codes, shown this once (the old ones stop working)',
      tag: 'Security',
      auth: 'customer',
      responses: { 201: { description: 'Created', schema: z.object({ codes: z.array(z.string()) }) }, ...stepUp, 409: { description: 'Problem `no-second-factor`: set up a passkey or app first' } },
    },
    [requireCustomer, requireStepUp],
    async (_i, _req, res) => {
      const me = subject(res);
      if ((await secondFactorMethods(getPool(), me.subjectId)).length === 0)
        throw new DomainError('conflict', 'no-second-factor', 'Set up a passkey or an authenticator app first; recovery codes stand in for them.');
      const codes = await createRecoveryCodes(getPool(), me.subjectId, actorOf(me));
      textSecurityNotice(getPool(), sender, me.subjectId, 'recovery_codes_created');
      res.status(201).json({ codes });
    },
  );

  const device = z.object({ id: z.string(), device: z.string().nullable(), createdAt: z.string(), lastUsedAt: z.string(), current: z.boolean() });

  defineRoute(
    router,
    {
      method: 'get',
      path: '/v1/me/sessions',
      summary: "The caller's signed-in devices: where each session was opened and when it was last used",
      tag: 'Security',
      auth: 'customer',
      responses: { 200: { description: 'OK', schema: z.object({ items: z.array(device) }) } },
    },
    [requireCustomer],
    async (_i, _req, res) => {
      const me = subject(res);
      const items = await listDeviceSessions(getPool(), me.subjectId);
      res.json({ items: items.map((d) => ({ ...d, current: d.id === me.id })) });
    },
  );

  defineRoute(
    router,
    {
      method: 'delete',
      path: '/v1/me/sessions/:id',
      summary: 'Sign out one device (the current one too)',
      tag: 'Security',
      auth: 'customer',
      params: z.object({ id: s.uuid }),
      responses: { 204: { description: 'Signed out' }, 404: { description: 'No such session of yours' } },
    },
    [requireCustomer],
    async ({ params }, req, res) => {
      const me = subject(res);
      if (!(await revokeDeviceSession(getPool(), me.subjectId, params.id))) throw notFound('No such signed-in device.');
      if (params.id === me.id && sessionCookieOf(req)) clearSessionCookie(res);
      res.status(204).end();
    },
  );

  defineRoute(
    router,
    {
      method: 'delete',
      path: '/v1/me/sessions',
      summary: 'Sign out everywhere, this device included',
      tag: 'Security',
      auth: 'customer',
      responses: { 204: { description: 'Signed out everywhere' } },
    },
    [requireCustomer],
    async (_i, req, res) => {
      const me = subject(res);
      await revokeSessionsOf(getPool(), 'customer', me.subjectId);
      if (sessionCookieOf(req)) clearSessionCookie(res);
      res.status(204).end();
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/me/phone/code',
      summary: 'Change phone, first step: a 6-digit code to the new number',
      tag: 'Security',
      auth: 'customer',
      body: z.strictObject({ phone: s.phone }),
      responses: {
        202: { description: 'Code sent', schema: z.object({ challengeId: z.string(), expiresAt: z.string(), triesLeft: z.number().int(), resendAvailableAt: z.string() }) },
        ...stepUp,
        409: { description: 'Problem `phone-taken`' },
        429: { description: 'Problem `rate-limited`: more than 3 codes for this number in 10 minutes' },
      },
    },
    [requireCustomer, requireStepUp],
    async ({ body }, _req, res) => {
      const c = await startPhoneChange(getPool(), sender, subject(res).subjectId, body.phone);
      res.status(202).json({ challengeId: c.challengeId, expiresAt: c.expiresAt.toISOString(), triesLeft: c.triesLeft, resendAvailableAt: c.resendAvailableAt.toISOString() });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/me/phone',
      summary: 'Change phone, second step: the code sent to the new number; the old number gets a text',
      tag: 'Security',
      auth: 'customer',
      body: z.strictObject({ challengeId: s.uuid, code: z.string().regex(/^\d{6}$/, 'must be 6 digits') }),
      responses: { 200: { description: 'Changed', schema: s.account }, 401: { description: `Problem \`code-wrong\`, \`code-expired\`, \`code-exhausted\`, or ${STEP_UP_DOC}` }, 409: { description: 'Problem `phone-taken`' } },
    },
    [requireCustomer, requireStepUp],
    async ({ body }, _req, res) => {
      const me = subject(res);
      const change = await confirmPhoneChange(getPool(), me.subjectId, body.challengeId, body.code, actorOf(me));
      // The old number is the one a thief would not hold: it hears about the change.
      textSecurityNotice(getPool(), sender, me.subjectId, 'phone_changed', change.from);
      res.json(await getAccount(getPool(), me.subjectId));
    },
  );
}
