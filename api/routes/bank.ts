/** Bank linking through Plaid (customer), and Plaid's webhooks. */
import { Router } from 'express';
import { z } from 'zod';
import { getAccount } from '../../activities/accounts/accounts-store';
import { bankDeps } from '../../activities/bank/deps';
import { getPool } from '../../db/pool';
import { readBalanceHistory } from '../../activities/bank/balance-history';
import { createLinkToken, createSandboxPublicToken, getBank, linkBank, repairLogin, unlinkBank } from '../../activities/bank/link';
import { plaidLinkScriptUrl } from '../../activities/bank/plaid-client';
import { verifyPlaidWebhook } from '../../activities/bank/webhook-verify';
import { handlePlaidWebhook, PlaidWebhookBody, WebhookOutcome } from '../../activities/bank/webhooks';
import { businessToday } from '../../platform/business-clock';
import { config } from '../../platform/config';
import { logger } from '../../platform/logger';
import { requireCustomer, subject } from '../auth';
import { assertStepUp, requireStepUp, STEP_UP_DOC } from '../step-up';
import { defineRoute } from '../openapi-registry';
import { badRequest, notFound } from '../problem';
import { balanceHistory, bankView, text } from '../schemas';

const accountSummary = z.object({ id: z.string(), name: z.string(), mask: z.string().nullable(), type: z.string(), subtype: z.string().nullable() });

/** Follow-ups a webhook can trigger in other modules (e.g. an evaluation); wired by the app. */
export type WebhookFollowUp = (outcome: WebhookOutcome) => Promise<void>;

export function bankRoutes(router: Router, followUp: WebhookFollowUp = async () => undefined): void {
  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/bank/link-token',
      summary: 'A Plaid Link token to open Link in the browser; { update: true } opens Link in update mode for a bank whose login expired',
      tag: 'Bank',
      auth: 'customer',
      body: z.strictObject({ update: z.boolean().optional().describe('true: repair the linked bank (status login_required) instead of linking a new one') }),
      responses: {
        200: {
          description: 'OK',
          schema: z.object({
            linkToken: z.string(),
            expiration: z.string(),
            mode: z.enum(['create', 'update']).describe('update: Link update mode for the linked bank'),
            scriptUrl: z.string().describe("Plaid Link's link-initialize.js for this environment (the local emulator's copy when PLAID_ENV=local)"),
          }),
        },
        404: { description: 'update: true without a linked bank (problem `no-linked-bank`)' },
        401: { description: `Without update: ${STEP_UP_DOC} (asked before Link opens, so linking is not interrupted)` },
        409: { description: 'update: true while the bank login works (problem `bank-login-not-required`)' },
      },
    },
    [requireCustomer],
    async ({ body }, _req, res) => {
      if (body.update !== true) await assertStepUp(subject(res));
      const me = await getAccount(getPool(), subject(res).subjectId);
      if (!me) throw notFound('The account no longer exists.');
      const user = { legalName: `${me.firstName} ${me.lastName}`, email: me.email, phone: me.phone };
      res.json({ ...(await createLinkToken(bankDeps(), me.id, { user, update: body.update === true })), scriptUrl: plaidLinkScriptUrl(config()) });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/bank/login-repaired',
      summary: 'After Link update mode succeeded: Timely checks the bank at Plaid and clears the login-required mark',
      tag: 'Bank',
      auth: 'customer',
      responses: {
        200: { description: 'Repaired: the bank view', schema: bankView },
        404: { description: 'No linked bank (problem `no-linked-bank`)' },
        409: { description: 'Plaid still reports an error (problem `bank-login-still-required` or `bank-login-required`)' },
      },
    },
    [requireCustomer],
    async (_i, _req, res) => {
      res.json(await repairLogin(bankDeps(), subject(res).subjectId));
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/v1/bank/balance-history',
      summary: "Daily end-of-day balance of the watched (checking) account, oldest first, rebuilt from the stored transactions",
      tag: 'Bank',
      auth: 'customer',
      query: z.strictObject({ days: z.coerce.number().int('must be whole days').min(7).max(90).default(90) }),
      responses: {
        200: { description: 'OK', schema: balanceHistory },
        409: { description: 'No linked bank (problem `no-linked-bank`), or no balance reported yet (`balance-unavailable`)' },
      },
    },
    [requireCustomer],
    async ({ query }, _req, res) => {
      res.json(await readBalanceHistory(getPool(), subject(res).subjectId, query.days, await businessToday()));
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/bank/sandbox/public-token',
      summary: 'Sandbox only: a public token for a test user, skipping the Link UI (404 in production)',
      tag: 'Bank',
      auth: 'customer',
      body: z.strictObject({ username: text({ max: 100 }).optional(), institutionId: text({ max: 50 }).optional() }),
      responses: { 200: { description: 'OK', schema: z.object({ publicToken: z.string() }) } },
    },
    [requireCustomer],
    async ({ body }, _req, res) => {
      if (config().PLAID_ENV === 'production') throw notFound('No route for POST /v1/bank/sandbox/public-token.');
      const me = await getAccount(getPool(), subject(res).subjectId);
      const owner = me && { name: `${me.firstName} ${me.lastName}`, email: me.email, phone: me.phone };
      res.json({ publicToken: await createSandboxPublicToken(bankDeps(), { ...body, owner }) });
    },
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/bank/link',
      summary: 'Link a bank: exchange the public token from Plaid Link (the access token stays on the server)',
      tag: 'Bank',
      auth: 'customer',
      body: z.strictObject({ publicToken: text({ max: 200 }) }),
      responses: {
        201: { description: 'Linked', schema: z.object({ item: z.object({ institutionName: z.string().nullable(), accounts: z.array(accountSummary) }) }) },
        401: { description: STEP_UP_DOC },
        409: { description: 'A bank is already linked' },
      },
    },
    [requireCustomer, requireStepUp],
    async ({ body }, _req, res) => {
      const item = await linkBank(bankDeps(), subject(res).subjectId, body.publicToken);
      res.status(201).json({ item: { institutionName: item.institutionName, accounts: item.accounts } });
    },
  );

  defineRoute(
    router,
    {
      method: 'get',
      path: '/v1/bank',
      summary: 'The linked bank: accounts with current balances (cents), and whether the bank wants a new login',
      tag: 'Bank',
      auth: 'customer',
      responses: {
        200: { description: 'OK (with status login_required: the last stored balances)', schema: bankView },
        404: { description: 'No bank is linked (problem `no-linked-bank`)' },
      },
    },
    [requireCustomer],
    async (_i, _req, res) => {
      res.json(await getBank(bankDeps(), subject(res).subjectId));
    },
  );

  defineRoute(
    router,
    { method: 'delete', path: '/v1/bank', summary: 'Unlink the bank (Plaid /item/remove)', tag: 'Bank', auth: 'customer', responses: { 204: { description: 'Unlinked' }, 401: { description: STEP_UP_DOC } } },
    [requireCustomer, requireStepUp],
    async (_i, _req, res) => {
      await unlinkBank(bankDeps(), subject(res).subjectId);
      res.status(204).end();
    },
  );

  // Plaid calls this; authenticity comes from the signed JWT, not from a session.
  router.post('/v1/webhooks/plaid', async (req, res) => {
    const raw = (req as unknown as { rawBody?: Buffer }).rawBody;
    if (!raw || typeof req.body?.webhook_type !== 'string' || typeof req.body?.webhook_code !== 'string')
      throw badRequest('Expected a Plaid webhook body.', [{ field: 'webhook_type', message: 'is required' }]);
    await verifyPlaidWebhook(bankDeps().plaid, raw, req.get('plaid-verification'));
    const outcome = await handlePlaidWebhook(bankDeps(), req.body as PlaidWebhookBody);
    logger.info({ webhook: `${req.body.webhook_type}/${req.body.webhook_code}`, outcome }, 'Plaid webhook handled');
    await followUp(outcome).catch((err) => logger.error({ err, outcome }, 'webhook follow-up failed; the periodic sweep will catch up'));
    res.json({ received: true });
  });
}
