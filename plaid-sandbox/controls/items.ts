/** Controls over Items: seed in bulk, find Items (batch, customer, account), repair a login, set identity. */
import { Router } from 'express';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createItems, type ItemSpec } from '../core/create-item';
import type { SandboxDeps } from '../core/deps';
import { DEFAULT_INSTITUTION, SANDBOX_INSTITUTIONS } from '../core/institutions';
import { plaidError } from '../http/plaid-error';
import { presentSandboxItem } from '../present/sandbox-item';
import { ownerFromLoose, type LooseOwner } from '../scenarios/identity';
import { resolveLogin } from '../scenarios/login';
import { accountIdsByItem, listAccounts } from '../store/accounts';
import { inTransaction } from '../store/db';
import { findItemByAccount, listBatchItems, listItemsByClientUser, setItemError, setItemOwners } from '../store/items';
import { loginRepaired } from '../webhooks/bodies';
import { control, itemRef, resolveItemRef } from './control';

const looseOwner = z.looseObject({
  names: z.array(z.string()).optional(),
  emails: z.array(z.union([z.string(), z.looseObject({ data: z.string() })])).optional(),
  phone_numbers: z.array(z.union([z.string(), z.looseObject({ data: z.string() })])).optional(),
  addresses: z.array(z.looseObject({})).optional(),
});

export function itemControls(deps: SandboxDeps): Router {
  const r = Router();

  /**
   * Seeds `count` Items of one scenario (seed `${seed_prefix}:${i}`), for benchmarks. Histories
   * are generated on first use; balances are stored at once. Returns a batch id to page through.
   */
  r.post(
    '/items/bulk',
    control(
      z.strictObject({
        count: z.number().int().min(1).max(200_000),
        username: z.string().default('user_good'),
        seed_prefix: z.string().default('bulk'),
        products: z.array(z.string()).default(['transactions', 'auth', 'transfer']),
        webhook: z.url().nullish(),
        institution_id: z.string().default(DEFAULT_INSTITUTION),
      }),
      async (body) => {
        if (!SANDBOX_INSTITUTIONS[body.institution_id]) throw plaidError('INVALID_INSTITUTION');
        if (body.username === 'user_custom') throw plaidError('INVALID_FIELD', 'username user_custom cannot be bulk seeded; use a scenario user');
        const started = Date.now();
        const batchId = randomUUID();
        const now = deps.clock.now();
        let items = 0;
        let accounts = 0;
        for (let from = 0; from < body.count; from += 2000) {
          const specs: ItemSpec[] = [];
          for (let i = from; i < Math.min(body.count, from + 2000); i++)
            specs.push({
              login: { ...resolveLogin(body.username, JSON.stringify({ seed: `${body.seed_prefix}:${i}` })) },
              institutionId: body.institution_id,
              products: body.products,
              webhook: body.webhook ?? null,
              batchId,
              history: 'lazy',
            });
          const created = await inTransaction(deps.pool, (db) => createItems(db, specs, now));
          items += created.length;
          accounts += created.reduce((s, c) => s + c.accounts.length, 0);
        }
        return { batch_id: batchId, items, accounts, ms: Date.now() - started };
      },
    ),
  );

  /**
   * Finds Items: a bulk batch page by page (`batch_id`), or a customer's Items as a tester knows
   * the customer: by the Link token's `client_user_id` (Timely's account id; newest first) or by
   * one of the Item's `account_id`s. Removed Items are not listed.
   */
  r.get(
    '/items',
    control(
      z.strictObject({
        batch_id: z.string().min(1).optional(),
        client_user_id: z.string().min(1).optional(),
        account_id: z.string().min(1).optional(),
        after: z.string().optional(),
        limit: z.coerce.number().int().min(1).max(5000).default(1000),
      }),
      async (q) => {
        const given = (['batch_id', 'client_user_id', 'account_id'] as const).filter((k) => q[k] !== undefined);
        if (given.length === 0) throw plaidError('MISSING_FIELDS', 'the following required fields are missing: batch_id, client_user_id or account_id');
        if (given.length > 1) throw plaidError('INVALID_FIELD', `give one of batch_id, client_user_id, account_id (got ${given.join(', ')})`);
        if (q.batch_id) {
          const rows = await listBatchItems(deps.pool, q.batch_id, q.after ?? null, q.limit);
          const ids = await accountIdsByItem(deps.pool, rows.map((i) => i.item_id));
          const items = rows.map((i) => ({ item_id: i.item_id, access_token: i.access_token, account_ids: ids.get(i.item_id) ?? [] }));
          return { items, next_after: rows.length === q.limit ? rows[rows.length - 1].item_id : null };
        }
        const rows = q.client_user_id ? await listItemsByClientUser(deps.pool, q.client_user_id) : [await findItemByAccount(deps.pool, q.account_id!)].filter((i) => i !== undefined);
        return { items: await Promise.all(rows.map(async (i) => presentSandboxItem(i, await listAccounts(deps.pool, i.item_id)))) };
      },
    ),
  );

  /** What the user does in Link's update mode: the login works again (ITEM LOGIN_REPAIRED webhook). */
  r.post(
    '/items/repair_login',
    control(z.strictObject(itemRef), async (body) => {
      const item = await resolveItemRef(deps.pool, body);
      await setItemError(deps.pool, item.item_id, null);
      if (item.webhook) await deps.webhooks.send({ itemId: item.item_id, url: item.webhook, body: loginRepaired(item.item_id) });
      return { item_id: item.item_id, repaired: true };
    }),
  );

  /** Sets the owners /identity/get returns (Plaid's Owner shape; plain strings accepted for emails/phones). */
  r.post(
    '/identity/set',
    control(z.strictObject({ ...itemRef, owners: z.array(looseOwner).min(1) }), async (body) => {
      const item = await resolveItemRef(deps.pool, body);
      const owners = body.owners.map((o) => ownerFromLoose(o as LooseOwner));
      await setItemOwners(deps.pool, item.item_id, owners);
      return { item_id: item.item_id, owners };
    }),
  );

  return r;
}
