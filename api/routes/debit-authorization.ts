/**
 * The customer authorizes Timely to debit their account again (Nacha: after an unauthorized
 * return, R05 R07 R10 R11 R29 R51, no debit is taken until they do). The consent is explicit in
 * the body and recorded with who gave it and when; GET /v1/me shows whether debits are stopped.
 */
import { Router } from 'express';
import { z } from 'zod';
import { activeDebitStop, authorizeDebitsAgain } from '../../activities/transfers/debit-guard';
import { getPool } from '../../db/pool';
import { actorOf, requireCustomer, subject } from '../auth';
import { defineRoute } from '../openapi-registry';
import { conflict } from '../problem';

const authorizationResult = z.object({
  authorized: z.literal(true),
  liftedStops: z.number().int().describe('Debit stops lifted by this authorization'),
  at: z.string(),
});

export function debitAuthorizationRoutes(router: Router): void {
  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/me/debit-authorization',
      summary: 'Authorize Timely again to debit the linked account for repayments, after an unauthorized return stopped debits',
      tag: 'Accounts',
      auth: 'customer',
      body: z.strictObject({ authorize: z.literal(true).describe('The customer agrees that Timely may debit the linked account for repayments') }),
      responses: {
        200: { description: 'Debits may be taken again', schema: authorizationResult },
        400: { description: 'No explicit consent' },
        401: { description: 'Not signed in' },
        409: { description: 'Debits are not stopped on this account' },
      },
    },
    [requireCustomer],
    async (_i, _req, res) => {
      const me = subject(res);
      const pool = getPool();
      if (!(await activeDebitStop(pool, me.subjectId))) throw conflict('debits-not-stopped', 'Debits are not stopped on this account: there is nothing to authorize again.');
      const at = new Date().toISOString();
      const lifted = await authorizeDebitsAgain(pool, me.subjectId, `${actorOf(me)}@${at}`);
      res.json({ authorized: true, liftedStops: lifted, at });
    },
  );
}
