/**
 * Support's morning queue: transfers that need attention, escalated first, then oldest first, each
 * with the customer's name, the return code in words and the rule that applies. The transfers
 * module gives the rows, the accounts module the names (each module reads only its own tables;
 * the API combines them, as the other admin views do).
 */
import { Router } from 'express';
import { z } from 'zod';
import { accountNames } from '../../activities/accounts/accounts-store';
import { attemptFactsOf, attentionQueue } from '../../activities/transfers/transfers-store';
import { getPool } from '../../db/pool';
import { describeReturnCode } from '../../domain/ach/return-codes';
import { businessToday } from '../../platform/business-clock';
import { config } from '../../platform/config';
import { temporalUiLink } from '../../platform/temporal';
import { requireStaff } from '../auth';
import { defineRoute } from '../openapi-registry';
import { ruleOf } from '../support-rule-view';
import * as shapes from '../transfer-schemas';

/** Registered before /v1/admin/transfers/:id, which would otherwise take "queue" for an id. */
export function transferQueueRoutes(router: Router): void {
  defineRoute(
    router,
    {
      method: 'get',
      path: '/v1/admin/transfers/queue',
      summary: 'Transfers that need attention: escalated first, then oldest first (by when they entered needs_attention), cursor-paged',
      tag: 'Staff',
      auth: 'staff',
      query: z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(25), cursor: z.string().max(500).optional() }),
      responses: { 200: { description: 'A page', schema: shapes.attentionQueue }, 401: { description: 'Not signed in' }, 403: { description: 'Not staff' } },
    },
    [requireStaff()],
    async ({ query }, _req, res) => {
      const page = await attentionQueue(getPool(), query);
      const ids = page.items.map((t) => t.id);
      const [names, attempts, today] = await Promise.all([accountNames(getPool(), [...new Set(page.items.map((t) => t.accountId))]), attemptFactsOf(getPool(), ids), businessToday()]);
      res.json({
        items: page.items.map((t) => ({
          id: t.id,
          accountId: t.accountId,
          customerName: names.get(t.accountId) ?? '',
          purpose: t.purpose,
          direction: t.direction,
          amountCents: t.amountCents,
          returnCode: t.returnCode,
          returnMeaning: t.returnCode ? describeReturnCode(t.returnCode) : null,
          waitingSince: t.needsAttentionSince,
          escalated: t.escalated,
          rule: ruleOf(t, attempts.get(t.id) ?? [], today),
          temporalUrl: temporalUiLink(config(), t.workflowId),
        })),
        nextCursor: page.nextCursor,
      });
    },
  );
}
