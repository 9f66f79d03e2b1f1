/** Staff views of customer accounts. */
import { Router } from 'express';
import { z } from 'zod';
import { getAccount, listAccounts, listEvents } from '../../activities/accounts/accounts-store';
import { getAdvanceTerms } from '../../activities/accounts/advance-terms';
import { listApplications } from '../../activities/underwriting/applications-store';
import { getPool } from '../../db/pool';
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
        q: z.string().trim().min(1).max(100).optional(),
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
      summary: 'One account with its event history',
      tag: 'Staff',
      auth: 'staff',
      params: z.object({ id: s.uuid }),
      responses: { 200: { description: 'OK', schema: s.adminAccount }, 404: { description: 'No such account' } },
    },
    [requireStaff()],
    async ({ params }, _req, res) => {
      const account = await getAccount(getPool(), params.id);
      if (!account) throw notFound('No account with this id.');
      const [events, advanceTerms, applications] = await Promise.all([
        listEvents(getPool(), params.id),
        getAdvanceTerms(getPool(), params.id),
        listApplications(getPool(), { accountId: params.id, limit: 20 }),
      ]);
      res.json({ ...account, advanceTerms: advanceTerms ?? null, applications: await Promise.all(applications.map(adminApplicationView)), events });
    },
  );
}
