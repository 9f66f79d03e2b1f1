/** Staff views of customer accounts. */
import { Router } from 'express';
import { z } from 'zod';
import { getAccount, listAccounts, listEvents } from '../../activities/accounts/accounts-store';
import { getAdvanceTerms } from '../../activities/accounts/advance-terms';
import { listApplications } from '../../activities/underwriting/applications-store';
import { liveItemOf } from '../../activities/bank/bank-store';
import { listEvaluations } from '../../activities/evaluate/store';
import { advancesOf, listTransfers } from '../../activities/transfers/transfers-store';
import { getPool } from '../../db/pool';
import { config } from '../../platform/config';
import { temporalUiLink } from '../../platform/temporal';
import { adminApplicationView } from './applications';
import { requireStaff } from '../auth';
import { defineRoute } from '../openapi-registry';
import { notFound } from '../problem';
import * as s from '../schemas';

export function adminAccountRoutes(router: Router): void {
  defineRoute(
    router,
    {
      method: 'get',
      path: '/v1/admin/accounts',
      summary: 'All accounts, newest first, cursor-paged, searchable by name, email or phone',
      tag: 'Staff',
      auth: 'staff',
      query: z.strictObject({
        limit: z.coerce.number().int().min(1).max(100).default(20),
        cursor: z.string().max(500).optional(),
        q: s.searchTerm.optional(),
      }),
      responses: { 200: { description: 'A page', schema: z.object({ items: z.array(s.account), nextCursor: z.string().nullable() }) } },
    },
    [requireStaff()],
    async ({ query }, _req, res) => {
      res.json(await listAccounts(getPool(), query));
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/v1/admin/accounts/:id',
      summary: 'One account for support: its events (newest first), bank link, applications with decisions, advances, transfers and evaluations',
      tag: 'Staff',
      auth: 'staff',
      params: z.object({ id: s.uuid }),
      responses: { 200: { description: 'OK', schema: s.adminAccount }, 404: { description: 'No such account' } },
    },
    [requireStaff()],
    async ({ params }, _req, res) => {
      const account = await getAccount(getPool(), params.id);
      if (!account) throw notFound('No account with this id.');
      // Each module answers for its own data; the API puts the page together (house rule 2).
      const pool = getPool();
      const [events, advanceTerms, applications, item, advances, transfers, evaluations] = await Promise.all([
        listEvents(pool, params.id),
        getAdvanceTerms(pool, params.id),
        listApplications(pool, { accountId: params.id, limit: 20 }),
        liveItemOf(pool, params.id),
        advancesOf(pool, params.id),
        listTransfers(pool, { accountId: params.id, limit: 100 }),
        listEvaluations(pool, { accountId: params.id, limit: 50 }),
      ]);
      res.json({
        ...account,
        account,
        advanceTerms: advanceTerms ?? null,
        applications: await Promise.all(applications.map(adminApplicationView)),
        events: [...events].reverse(),
        bank: item ? { status: item.status, institutionName: item.institutionName, linkedAt: item.linkedAt } : null,
        advances,
        transfers: transfers.map((t) => ({ id: t.id, purpose: t.purpose, direction: t.direction, amountCents: t.amountCents, status: t.status, returnCode: t.returnCode, updatedAt: t.updatedAt })),
        evaluations: evaluations.map((e) => ({
          id: e.id,
          action: e.action,
          reasonCode: e.reasonCode,
          message: e.message,
          amountCents: e.amountCents,
          evaluatedAt: e.evaluatedAt,
          temporalUrl: temporalUiLink(config(), e.workflowId),
        })),
      });
    },
  );
}
