/**
 * Staff and a customer's second factors: support sees them (names and dates, never secrets);
 * only an operator may remove one, for a customer who lost theirs, and the removal is recorded
 * with who did it and why, and texted to the customer.
 */
import { Router } from 'express';
import { z } from 'zod';
import { getAccount } from '../../activities/accounts/accounts-store';
import { listFactors, removeFactor } from '../../activities/accounts/customer-factors';
import type { OtpSender } from '../../activities/accounts/otp-sender';
import { textSecurityNotice } from '../../activities/accounts/security-notices';
import { getPool } from '../../db/pool';
import { actorOf, requireStaff, subject } from '../auth';
import { defineRoute } from '../openapi-registry';
import { notFound } from '../problem';
import * as s from '../schemas';
import { factorSummary } from '../second-factor-schemas';

export function adminFactorRoutes(router: Router, sender: OtpSender): void {
  defineRoute(
    router,
    {
      method: 'get',
      path: '/v1/admin/accounts/:id/factors',
      summary: "An account's second factors and recovery codes left, without secrets",
      tag: 'Staff',
      auth: 'staff',
      params: z.object({ id: s.uuid }),
      responses: { 200: { description: 'OK', schema: factorSummary }, 404: { description: 'No such account' } },
    },
    [requireStaff()],
    async ({ params }, _req, res) => {
      if (!(await getAccount(getPool(), params.id))) throw notFound('No account with this id.');
      res.json(await listFactors(getPool(), params.id));
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/admin/accounts/:id/factors/:factorId/remove',
      summary: "Operators only: remove a customer's factor (even the last), with a note; recorded and texted to the customer",
      tag: 'Staff',
      auth: 'staff',
      params: z.object({ id: s.uuid, factorId: s.uuid }),
      body: z.strictObject({ note: s.text({ max: 500, multiline: true }) }),
      responses: { 204: { description: 'Removed' }, 403: { description: 'Support staff may not remove factors' }, 404: { description: 'No such account or factor' } },
    },
    [requireStaff(['operator'])],
    async ({ params, body }, _req, res) => {
      await removeFactor(getPool(), params.id, params.factorId, actorOf(subject(res)), { keepOne: false, note: body.note });
      textSecurityNotice(getPool(), sender, params.id, 'factor_removed');
      res.status(204).end();
    },
  );
}
