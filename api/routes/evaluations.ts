/** Staff: evaluate now (one account or a sweep) and read the evaluation history. */
import { Router } from 'express';
import { z } from 'zod';
import { getAccount } from '../../activities/accounts/accounts-store';
import { listEvaluations } from '../../activities/evaluate/store';
import { getPool } from '../../db/pool';
import { config } from '../../platform/config';
import { temporalUiLink } from '../../platform/temporal';
import { requireStaff } from '../auth';
import { triggerAccountEvaluation, triggerSweep } from '../evaluation-trigger';
import { defineRoute } from '../openapi-registry';
import { notFound } from '../problem';
import * as s from '../schemas';

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
      responses: { 202: { description: 'Started', schema: z.object({ workflowId: z.string(), temporalUrl: z.string() }) } },
    },
    [requireStaff()],
    async ({ body }, _req, res) => {
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
      responses: { 200: { description: 'OK' } },
    },
    [requireStaff()],
    async ({ query }, _req, res) => {
      const items = await listEvaluations(getPool(), query);
      res.json({ items: items.map((e) => ({ ...e, temporalUrl: temporalUiLink(config(), e.workflowId, e.runId) })) });
    },
  );
}
