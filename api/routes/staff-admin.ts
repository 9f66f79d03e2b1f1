/**
 * Operators manage staff: list, create (the TOTP secret shown once), disable, reset a TOTP. Every
 * change is recorded as a staff event with the operator who made it (activities/accounts/staff.ts).
 */
import { Router } from 'express';
import { z } from 'zod';
import { createStaff, disableStaff, listStaff, NewStaffInput, resetStaffTotp } from '../../activities/accounts/staff';
import { getPool } from '../../db/pool';
import { actorOf, requireStaff, subject } from '../auth';
import { defineRoute } from '../openapi-registry';
import { conflict } from '../problem';
import * as s from '../schemas';

const member = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(['support', 'operator']),
  createdAt: z.string(),
  disabledAt: z.string().nullable().describe('Set when disabled: the member cannot sign in and has no sessions'),
  totpEnrolled: z.boolean().describe('The member has signed in with a code from the current secret'),
});

const totp = z
  .object({
    secret: z.string().describe('Base32 TOTP secret'),
    otpauthUrl: z.string().describe('otpauth:// URL, to show as a QR code for an authenticator app'),
  })
  .describe('Shown once: it cannot be read again (reset the TOTP to get a new one)');

const operatorOnly = requireStaff(['operator']);
const idParams = z.object({ id: s.uuid });
const denied = { 401: { description: 'Not signed in' }, 403: { description: 'Not an operator' } };

export function staffAdminRoutes(router: Router): void {
  defineRoute(
    router,
    {
      method: 'get',
      path: '/v1/admin/staff',
      summary: 'Every staff member, oldest first (operator)',
      tag: 'Staff',
      auth: 'staff',
      responses: { 200: { description: 'OK', schema: z.object({ items: z.array(member) }) }, ...denied },
    },
    [operatorOnly],
    async (_i, _req, res) => {
      res.json({ items: await listStaff(getPool()) });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/admin/staff',
      summary: 'Create a staff member; answers their TOTP secret and otpauth:// URL once (operator)',
      tag: 'Staff',
      auth: 'staff',
      body: NewStaffInput,
      responses: {
        201: { description: 'Created', schema: member.extend({ totp }) },
        ...denied,
        409: { description: 'Problem `email-taken`' },
      },
    },
    [operatorOnly],
    async ({ body }, _req, res) => {
      const created = await createStaff(getPool(), body, actorOf(subject(res)));
      res.status(201).json({ ...created.member, totp: { secret: created.totpSecret, otpauthUrl: created.otpauthUrl } });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/admin/staff/:id/disable',
      summary: 'Disable a staff member: they cannot sign in and every session of theirs ends (operator)',
      tag: 'Staff',
      auth: 'staff',
      params: idParams,
      responses: {
        200: { description: 'Disabled (also when already disabled)', schema: member },
        ...denied,
        404: { description: 'No such staff member' },
        409: { description: 'Problem `cannot-disable-self`' },
      },
    },
    [operatorOnly],
    async ({ params }, _req, res) => {
      const me = subject(res);
      // An operator locking themselves out could leave nobody to manage staff.
      if (params.id === me.subjectId) throw conflict('cannot-disable-self', 'You cannot disable yourself; ask another operator.');
      res.json(await disableStaff(getPool(), params.id, actorOf(me)));
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/admin/staff/:id/reset-totp',
      summary: "Replace a staff member's TOTP secret (answered once) and end their sessions (operator)",
      tag: 'Staff',
      auth: 'staff',
      params: idParams,
      responses: {
        200: { description: 'Reset: the old codes stop working', schema: member.extend({ totp }) },
        ...denied,
        404: { description: 'No such staff member' },
        409: { description: 'Problem `staff-disabled`' },
      },
    },
    [operatorOnly],
    async ({ params }, _req, res) => {
      const reset = await resetStaffTotp(getPool(), params.id, actorOf(subject(res)));
      res.json({ ...reset.member, totp: reset.totp });
    },
  );
}
