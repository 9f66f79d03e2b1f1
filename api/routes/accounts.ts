/** Customer accounts: sign up, read and change one's own profile. */
import { Router } from 'express';
import { z } from 'zod';
import { createAccount, getAccount, updateAccount } from '../../activities/accounts/accounts-store';
import { getPool } from '../../db/pool';
import { actorOf, requireCustomer, subject } from '../auth';
import { assertStepUp, STEP_UP_DOC } from '../step-up';
import { defineRoute } from '../openapi-registry';
import { notFound } from '../problem';
import * as s from '../schemas';
import { DEFAULT_EVALUATE_POLICY } from '../../domain/evaluate/policy';
import { customerAdvanceView, readCustomerHome } from '../customer-advance-view';

export function accountRoutes(router: Router): void {
  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/accounts',
      summary: 'Sign up: create a customer account (pending until the phone is verified)',
      tag: 'Accounts',
      auth: 'none',
      body: z.strictObject({ email: s.email, firstName: s.name, lastName: s.name, phone: s.phone }),
      responses: { 201: { description: 'Created', schema: s.account }, 409: { description: 'Email or phone taken' } },
    },
    [],
    async ({ body }, _req, res) => {
      const account = await createAccount(getPool(), body);
      res.status(201).location(`/v1/me`).json(account);
    },
  );

  defineRoute(
    router,
    { method: 'get', path: '/v1/me', summary: "The caller's account, with the current advance, next repayment and limit", tag: 'Accounts', auth: 'customer', responses: { 200: { description: 'OK', schema: s.me } } },
    [requireCustomer],
    async (_input, _req, res) => {
      // The account and its advance facts at once: the customer's home screen reads this on every visit.
      const home = await readCustomerHome(subject(res).subjectId);
      if (!home) throw notFound('The account no longer exists.');
      res.json({ ...home.account, advance: customerAdvanceView(home.account, home) });
    },
  );

  defineRoute(
    router,
    {
      method: 'patch',
      path: '/v1/me',
      summary: "Change the caller's name, email or low-balance threshold (lowBalanceThresholdCents; null = the default)",
      tag: 'Accounts',
      auth: 'customer',
      body: z.strictObject({
        firstName: s.name.optional(),
        lastName: s.name.optional(),
        email: s.email.optional(),
        // Like EarnIn's Balance Shield: the customer's own trigger, within the policy's bounds; null = default.
        lowBalanceThresholdCents: z
          .number()
          .int('must be whole cents')
          .min(DEFAULT_EVALUATE_POLICY.minThresholdCents, `must be at least ${DEFAULT_EVALUATE_POLICY.minThresholdCents}`)
          .max(DEFAULT_EVALUATE_POLICY.maxThresholdCents, `must be at most ${DEFAULT_EVALUATE_POLICY.maxThresholdCents} ($${DEFAULT_EVALUATE_POLICY.maxThresholdCents / 100})`)
          .nullable()
          .optional(),
      }),
      responses: { 200: { description: 'Updated', schema: s.account }, 401: { description: `A new email: ${STEP_UP_DOC}` }, 409: { description: 'Email taken' } },
    },
    [requireCustomer],
    async ({ body }, _req, res) => {
      const me = subject(res);
      // The email is where a thief would take the account next: changing it needs step-up.
      if (body.email !== undefined && body.email !== (await getAccount(getPool(), me.subjectId))?.email) await assertStepUp(me);
      res.json(await updateAccount(getPool(), me.subjectId, body, actorOf(me)));
    },
  );
}
