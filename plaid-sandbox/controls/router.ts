/** Everything under /__sandbox: the emulator's own controls (documented in plaid-sandbox/README.md). */
import express, { Router } from 'express';
import type { SandboxDeps } from '../core/deps';
import { SCENARIOS } from '../scenarios/catalog';
import { bankControls } from './bank';
import { clockControls } from './clock';
import { itemControls } from './items';
import { linkControls } from './link';
import { localCors } from '../http/local-cors';
import { webhookControls } from './webhooks';

export interface ControlHooks {
  /** Runs after the clock moved (the transfer lifecycle catches up). */
  afterClockAdvance(): Promise<unknown>;
  /** Extra routers (transfers). */
  extra?: Router[];
}

export function controlRoutes(deps: SandboxDeps, hooks: ControlHooks): Router {
  const r = Router();
  r.use(localCors); // the Link UI script calls these from a page on another local origin
  r.use(express.json({ limit: '5mb' }));
  r.get('/', (_req, res) => {
    res.json({
      description: 'Local Plaid sandbox controls. Plaid endpoints are served at the root of this server.',
      controls: [
        'GET  /__sandbox/scenarios',
        'GET  /__sandbox/link/ui-config?link_token=   (what the Link UI shows: institutions, test users, update mode)',
        'POST /__sandbox/link/accounts {link_token, username?, password?, institution_id?}   (accounts a login would share; stores nothing)',
        'POST /__sandbox/link/complete {link_token, username?, password?, institution_id?, account_indexes?}',
        'GET  /link/v2/stable/link-initialize.js   (Plaid Link for the browser: window.Plaid.create)',
        'GET  /__sandbox/items?client_user_id=   (a customer\'s Items by the Link token\'s user.client_user_id, newest first)',
        'GET  /__sandbox/items?account_id=',
        'GET  /__sandbox/items?batch_id=&after=&limit=',
        'POST /__sandbox/accounts/balance {account_id | client_user_id | item_id | access_token, available?, current?, limit?}',
        'POST /__sandbox/transactions/add {client_user_id|item_id|access_token, account_id?, transactions:[{amount, name?, kind?: "payroll", date?, pending?, merchant_name?, payment_channel?, personal_finance_category?}], adjust_balance?}   (a deposit without kind or category is TRANSFER_IN: not income to Timely)',
        'POST /__sandbox/transactions/post {transaction_id, amount?, date?}',
        'POST /__sandbox/transactions/modify {transaction_id, amount?, name?, date?, adjust_balance?}',
        'POST /__sandbox/transactions/remove {transaction_id, adjust_balance?}',
        'POST /__sandbox/identity/set {client_user_id|item_id|access_token, owners:[{names, emails, phone_numbers, addresses}]}',
        'POST /__sandbox/items/repair_login {client_user_id|item_id|access_token}',
        'POST /__sandbox/items/bulk {count, username?, seed_prefix?, products?, webhook?}',
        'GET  /__sandbox/clock',
        'POST /__sandbox/clock/advance {seconds?, minutes?, hours?, days?}',
        'GET  /__sandbox/webhooks?item_id=&webhook_type=&webhook_code=&after_id=&limit=',
        'POST /__sandbox/transfers/advance',
        'POST /__sandbox/transfers/webhook {url|null}',
        'POST /__sandbox/transfers/return {transfer_id, code?: "R01".., webhook?}   (from posted, settled or funds_available)',
      ],
    });
  });
  r.get('/scenarios', (_req, res) => {
    res.json({ scenarios: Object.values(SCENARIOS).map((s) => ({ username: s.username, password: 'pass_good', shows: s.shows })) });
  });
  r.use(linkControls(deps));
  r.use(itemControls(deps));
  r.use(bankControls(deps));
  r.use(clockControls(deps, hooks.afterClockAdvance));
  r.use(webhookControls(deps));
  for (const extra of hooks.extra ?? []) r.use(extra);
  return r;
}
