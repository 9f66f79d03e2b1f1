/** Everything under /__sandbox: the emulator's own controls (documented in plaid-sandbox/README.md). */
import express, { Router } from 'express';
import type { SandboxDeps } from '../core/deps';
import { SCENARIOS } from '../scenarios/catalog';
import { bankControls } from './bank';
import { clockControls } from './clock';
import { itemControls } from './items';
import { webhookControls } from './webhooks';

export interface ControlHooks {
  /** Runs after the clock moved (the transfer lifecycle catches up). */
  afterClockAdvance(): Promise<unknown>;
  /** Extra routers (transfers). */
  extra?: Router[];
}

export function controlRoutes(deps: SandboxDeps, hooks: ControlHooks): Router {
  const r = Router();
  r.use(express.json({ limit: '5mb' }));
  r.get('/', (_req, res) => {
    res.json({
      description: 'Local Plaid sandbox controls. Plaid endpoints are served at the root of this server.',
      controls: [
        'GET  /__sandbox/scenarios',
        'POST /__sandbox/link/complete {link_token, username?, password?, institution_id?}',
        'POST /__sandbox/accounts/balance {account_id, available?, current?, limit?}',
        'POST /__sandbox/transactions/add {access_token|item_id, account_id?, transactions:[{amount, name, date?, pending?, merchant_name?}], adjust_balance?}',
        'POST /__sandbox/transactions/post {transaction_id, amount?, date?}',
        'POST /__sandbox/transactions/modify {transaction_id, amount?, name?, date?, adjust_balance?}',
        'POST /__sandbox/transactions/remove {transaction_id, adjust_balance?}',
        'POST /__sandbox/identity/set {access_token|item_id, owners:[{names, emails, phone_numbers, addresses}]}',
        'POST /__sandbox/items/repair_login {access_token|item_id}',
        'POST /__sandbox/items/bulk {count, username?, seed_prefix?, products?, webhook?}',
        'GET  /__sandbox/items?batch_id=&after=&limit=',
        'GET  /__sandbox/clock',
        'POST /__sandbox/clock/advance {seconds?, minutes?, hours?, days?}',
        'GET  /__sandbox/webhooks?item_id=&webhook_type=&webhook_code=&after_id=&limit=',
        'POST /__sandbox/transfers/advance',
        'POST /__sandbox/transfers/webhook {url|null}',
      ],
    });
  });
  r.get('/scenarios', (_req, res) => {
    res.json({ scenarios: Object.values(SCENARIOS).map((s) => ({ username: s.username, password: 'pass_good', shows: s.shows })) });
  });
  r.use(itemControls(deps));
  r.use(bankControls(deps));
  r.use(clockControls(deps, hooks.afterClockAdvance));
  r.use(webhookControls(deps));
  for (const extra of hooks.extra ?? []) r.use(extra);
  return r;
}
