/**
 * Staff: evaluate now (one account or a sweep) and read the evaluation history. Support may
 * evaluate one account; a sweep of every account is an operator's call (it touches every customer).
 */
import { Router } from 'express';
import { z } from 'zod';
import { getAccount } from '../../activities/accounts/accounts-store';
import { listEvaluations } from '../../activities/evaluate/store';
import { getPool } from '../../db/pool';
import { config } from '../../platform/config';
import { temporalUiLink } from '../../platform/temporal';
import { requireStaff, subject } from '../auth';
import { triggerAccountEvaluation, triggerSweep } from '../evaluation-trigger';
import { defineRoute } from '../openapi-registry';
import { forbidden, notFound } from '../problem';
import * as s from '../schemas';

/** One stored evaluation (activities/evaluate/store.ts), with its run's Temporal UI link. */
const evaluation = z.object({
  id: z.string(),
  accountId: z.string(),
  workflowId: z.string(),
  runId: z.string(),
  trigger: z.string(),
  action: z.enum(['none', 'advance', 'repay', 'notify']),
  amountCents: z.number().int().nullable(),
  reasonCode: z.string(),
  message: z.string(),
  ruleVersion: z.string(),
  inputs: z.unknown().describe('Everything the decision saw (domain/evaluate/rules.ts EvaluateInput)'),
  transferWorkflowId: z.string().nullable(),
  evaluatedAt: z.string(),
  temporalUrl: z.string(),
});

export function evaluationRoutes(router: Router): void {
  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/admin/evaluations',
      summary: 'Evaluate one account now, or (without accountId) sweep every account now',
      tag: 'Staff',
      auth: 'staff',
      body: z.strictObject({ accountId: s.uuid.optional() }),
      responses: {
        202: { description: 'Started', schema: z.object({ workflowId: z.string(), temporalUrl: z.string() }) },
        403: { description: 'A sweep (no accountId) needs the operator role' },
        404: { description: 'No account with this id' },
      },
    },
    [requireStaff()],
    async ({ body }, _req, res) => {
      if (!body.accountId && subject(res).role !== 'operator')
        throw forbidden('Starting a sweep of every account needs the operator role. Support can evaluate one account: send its accountId.');
      if (body.accountId && !(await getAccount(getPool(), body.accountId))) throw notFound('No account with this id.');
      const workflowId = body.accountId ? await triggerAccountEvaluation(body.accountId, 'staff', false) : await triggerSweep();
      res.status(202).json({ workflowId, temporalUrl: temporalUiLink(config(), workflowId) });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/v1/admin/evaluations',
      summary: 'Evaluation history with decisions, reasons and rule versions',
      tag: 'Staff',
      auth: 'staff',
      query: z.strictObject({ accountId: s.uuid.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
      responses: { 200: { description: 'OK', schema: z.object({ items: z.array(evaluation) }) } },
    },
    [requireStaff()],
    async ({ query }, _req, res) => {
      const items = await listEvaluations(getPool(), query);
      res.json({ items: items.map((e) => ({ ...e, temporalUrl: temporalUiLink(config(), e.workflowId, e.runId) })) });
    },
  );
}
