/**
 * The operator dashboard: transfers by state, money outstanding, the last sweeps, 60-day debit
 * return rates beside Nacha's thresholds, and ready queries into the Temporal UI. Operators only.
 */
import { Router } from 'express';
import { z } from 'zod';
import { debitReturnsSince, totalOutstandingCents, transferCountsByStatus } from '../../activities/transfers/dashboard-store';
import { getPool } from '../../db/pool';
import { returnRateReport } from '../../domain/ach/return-rates';
import { config } from '../../platform/config';
import { temporalUiQueryLink, temporalUiScheduleLink } from '../../platform/temporal';
import { requireStaff } from '../auth';
import { defineRoute } from '../openapi-registry';
import { lastSweepRuns } from '../sweep-runs';

/** Nacha counts return rates over 60 days. */
const WINDOW_DAYS = 60;

const dashboard = z.object({
  transfersByStatus: z.array(z.object({ status: z.string(), count: z.number().int() })),
  outstandingCents: z.number().int().describe('What all customers owe on advances, from the ledger'),
  sweeps: z
    .array(
      z.object({
        workflowId: z.string(),
        startedAt: z.string(),
        closedAt: z.string().nullable(),
        durationMs: z.number().int().nullable(),
        accounts: z.number().int().nullable().describe('Accounts processed (completed runs; null while running or continued)'),
        failures: z.number().int().nullable(),
        status: z.string().describe('running, completed, continued_as_new, failed, terminated, ...'),
      }),
    )
    .describe('The last sweep runs, newest first, from Temporal visibility (each continue-as-new page is a run)'),
  returnRates: z.object({
    windowDays: z.literal(WINDOW_DAYS),
    debitEntries: z.number().int().describe('Debit entries presented in the window'),
    classes: z.array(
      z.object({
        name: z.enum(['unauthorized', 'administrative', 'overall']),
        returns: z.number().int(),
        rate: z.number().describe('returns / debitEntries (0 without entries)'),
        threshold: z.number().describe("Nacha's threshold as a fraction: 0.005, 0.03, 0.15"),
      }),
    ),
  }),
  temporalLinks: z.array(z.object({ label: z.string(), url: z.string() })),
});

export function dashboardRoutes(router: Router): void {
  defineRoute(
    router,
    {
      method: 'get',
      path: '/v1/admin/dashboard',
      summary: 'Operator dashboard: transfers by state, money outstanding, last sweeps, 60-day debit return rates, Temporal UI queries (operator)',
      tag: 'Staff',
      auth: 'staff',
      responses: { 200: { description: 'OK', schema: dashboard }, 401: { description: 'Not signed in' }, 403: { description: 'Not an operator' } },
    },
    [requireStaff(['operator'])],
    async (_i, _req, res) => {
      const pool = getPool();
      const [transfersByStatus, outstandingCents, returns, sweeps] = await Promise.all([
        transferCountsByStatus(pool),
        totalOutstandingCents(pool),
        debitReturnsSince(pool, WINDOW_DAYS),
        lastSweepRuns(),
      ]);
      const report = returnRateReport(returns.debitEntries, returns.returnCodes);
      const cfg = config();
      const q = (query: string) => temporalUiQueryLink(cfg, query);
      res.json({
        transfersByStatus,
        outstandingCents,
        sweeps,
        returnRates: {
          windowDays: WINDOW_DAYS,
          debitEntries: report.debitEntries,
          classes: (['unauthorized', 'administrative', 'overall'] as const).map((name) => ({ name, returns: report[name].returns, rate: report[name].rate, threshold: report[name].threshold })),
        },
        temporalLinks: [
          { label: 'Transfers that need attention', url: q('TimelyStatus = "needs_attention"') },
          { label: 'Escalated transfers', url: q('TimelyStatus = "escalated"') },
          { label: 'Running transfers', url: q('WorkflowType = "transferWorkflow" AND ExecutionStatus = "Running"') },
          { label: 'Failed applications', url: q('WorkflowType = "applyWorkflow" AND ExecutionStatus = "Failed"') },
          { label: 'Sweeps', url: q('WorkflowType = "evaluateSweepWorkflow"') },
          { label: 'Sweep schedule', url: temporalUiScheduleLink(cfg, 'evaluate-sweep') },
        ],
      });
    },
  );
}
