/** Bank linking through Plaid (customer), and Plaid's webhooks. */
import { Router } from 'express';
import { z } from 'zod';
import { getAccount } from '../../activities/accounts/accounts-store';
import { bankDeps } from '../../activities/bank/deps';
import { getPool } from '../../db/pool';
import { createLinkToken, createSandboxPublicToken, getBank, linkBank, unlinkBank } from '../../activities/bank/link';
import { verifyPlaidWebhook } from '../../activities/bank/webhook-verify';
import { handlePlaidWebhook, PlaidWebhookBody, WebhookOutcome } from '../../activities/bank/webhooks';
import { config } from '../../platform/config';
import { logger } from '../../platform/logger';
import { requireCustomer, subject } from '../auth';
import { defineRoute } from '../openapi-registry';
import { badRequest, notFound } from '../problem';
import { bankView } from '../schemas';

const accountSummary = z.object({ id: z.string(), name: z.string(), mask: z.string().nullable(), type: z.string(), subtype: z.string().nullable() });

/** Follow-ups a webhook can trigger in other modules (e.g. an evaluation); wired by the app. */
export type WebhookFollowUp = (outcome: WebhookOutcome) => Promise<void>;

export function bankRoutes(router: Router, followUp: WebhookFollowUp = async () => undefined): void {
  defineRoute(
    router,
    {
      method: 'post',
      path: '/v1/bank/link-token',
      summary: 'A Plaid Link token to open Link in the browser',
      tag: 'Bank',
      auth: 'customer',
      responses: { 200: { description: 'OK', schema: z.object({ linkToken: z.string(), expiration: z.string() }) } },
    },
    [requireCustomer],
    async (_i, _req, res) => {
      res.json(await createLinkToken(bankDeps(), subject(res).subjectId));
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
      body: z.strictObject({ username: z.string().trim().min(1).max(100).optional(), institutionId: z.string().trim().min(1).max(50).optional() }),
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
      body: z.strictObject({ publicToken: z.string().trim().min(1).max(200) }),
      responses: {
        201: { description: 'Linked', schema: z.object({ item: z.object({ institutionName: z.string().nullable(), accounts: z.array(accountSummary) }) }) },
        409: { description: 'A bank is already linked' },
      },
    },
    [requireCustomer],
    async ({ body }, _req, res) => {
      const item = await linkBank(bankDeps(), subject(res).subjectId, body.publicToken);
      res.status(201).json({ item: { institutionName: item.institutionName, accounts: item.accounts } });
    },
  );

  defineRoute(
    router,
    { method: 'get', path: '/v1/bank', summary: 'Linked accounts with current balances (cents)', tag: 'Bank', auth: 'customer', responses: { 200: { description: 'OK', schema: bankView } } },
    [requireCustomer],
    async (_i, _req, res) => {
      res.json(await getBank(bankDeps(), subject(res).subjectId));
    },
  );

  defineRoute(
    router,
    { method: 'delete', path: '/v1/bank', summary: 'Unlink the bank (Plaid /item/remove)', tag: 'Bank', auth: 'customer', responses: { 204: { description: 'Unlinked' } } },
    [requireCustomer],
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
