/**
 * Money integrity for operators: the daily reconciliation's open mismatches with Plaid, the
 * 60-day debit return rates, and the pause of new repayment debits (set by the return-rate guard
 * at 0.4% unauthorized; lifted here by an operator, with a note; both recorded).
 */
import { Router } from 'express';
import { z } from 'zod';
import { changeRepaymentPause, repaymentPause } from '../../activities/transfers/debit-guard';
import { lastReconciliationRun, MISMATCH_KINDS, openMismatches } from '../../activities/transfers/reconciliation';
import { latestReturnRates } from '../../activities/transfers/return-rate-guard';
import { getPool } from '../../db/pool';
import { actorOf, requireStaff, subject } from '../auth';
import { defineRoute } from '../openapi-registry';
import { conflict } from '../problem';
import * as s from '../schemas';

const mismatch = z.object({
  id: z.number().int(),
  kind: z.enum(MISMATCH_KINDS),
  subject: z.string().describe('A Plaid transfer id (posting_* kinds: the transfer whose bank posting is missing or differs), a Plaid event id, ledger or posting:<id>'),
  detail: z.record(z.string(), z.unknown()),
  firstSeenDay: z.string(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
});
const reconciliation = z.object({
  lastRun: z
    .object({ day: z.string(), startedAt: z.string(), finishedAt: z.string().nullable(), plaidTransfers: z.number().int().nullable(), plaidEvents: z.number().int().nullable(), mismatches: z.number().int().nullable() })
    .nullable(),
  mismatches: z.array(mismatch),
});
const pauseChange = z.object({ action: z.enum(['pause', 'lift']), actor: z.string(), reason: z.string(), at: z.string() });
const debitGuard = z.object({
  paused: z.boolean().describe('New repayment debits are paused'),
  last: pauseChange.nullable().describe('The pause or lift in force'),
  returnRates: z
    .object({
      day: z.string(),
      computedAt: z.string(),
      debitEntries: z.number().int(),
      rates: z.object({ unauthorized: z.number(), administrative: z.number(), overall: z.number() }),
      returns: z.object({ unauthorized: z.number().int(), administrative: z.number().int(), overall: z.number().int() }),
    })
    .nullable()
    .describe('The latest daily computation over 60 days'),
});

export function reconciliationRoutes(router: Router): void {
  defineRoute(
    router,
    {
      method: 'get',
      path: '/v1/admin/reconciliation',
      summary: "The daily reconciliation with Plaid: its last run and the mismatches it found that are still open, newest first (operator)",
      tag: 'Staff',
      auth: 'staff',
      query: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      responses: { 200: { description: 'OK', schema: reconciliation }, 401: { description: 'Not signed in' }, 403: { description: 'Not an operator' } },
    },
    [requireStaff(['operator'])],
    async ({ query }, _req, res) => {
      const [lastRun, mismatches] = await Promise.all([lastReconciliationRun(getPool()), openMismatches(getPool(), query.limit)]);
      res.json({ lastRun, mismatches });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/v1/admin/repayment-debits',
      summary: 'Whether new repayment debits are paused by the return-rate guard, and the latest 60-day return rates (operator)',
      tag: 'Staff',
      auth: 'staff',
      responses: { 200: { description: 'OK', schema: debitGuard }, 401: { description: 'Not signed in' }, 403: { description: 'Not an operator' } },
    },
    [requireStaff(['operator'])],
    async (_i, _req, res) => {
      const [pause, returnRates] = await Promise.all([repaymentPause(getPool()), latestReturnRates(getPool())]);
      res.json({ ...pause, returnRates });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/admin/repayment-debits/lift-pause',
      summary: 'Lift the pause of new repayment debits, with a note saying why (operator); recorded',
      tag: 'Staff',
      auth: 'staff',
      body: z.strictObject({ note: s.text({ max: 500, multiline: true }) }),
      responses: {
        200: { description: 'Lifted', schema: debitGuard.pick({ paused: true, last: true }) },
        401: { description: 'Not signed in' },
        403: { description: 'Not an operator' },
        409: { description: 'Repayment debits are not paused' },
      },
    },
    [requireStaff(['operator'])],
    async ({ body }, _req, res) => {
      const pool = getPool();
      const now = await repaymentPause(pool);
      if (!now.paused) throw conflict('not-paused', 'New repayment debits are not paused.');
      // Keyed by the pause it lifts: a double click lifts once.
      await changeRepaymentPause(pool, { action: 'lift', actor: actorOf(subject(res)), reason: body.note, key: `lift:${now.last!.at}` });
      res.json(await repaymentPause(pool));
    },
  );
}
