/** Controls over Items: complete Link, seed in bulk, list a batch, repair a login, set identity. */
import { Router } from 'express';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { addMsToDate } from '../core/time';
import { createItems, type ItemSpec } from '../core/create-item';
import type { SandboxDeps } from '../core/deps';
import { DEFAULT_INSTITUTION, SANDBOX_INSTITUTIONS } from '../core/institutions';
import { plaidError } from '../http/plaid-error';
import { publicToken as newPublicToken } from '../ids';
import { ownerFromLoose, type LooseOwner } from '../scenarios/identity';
import { GOOD_PASSWORD, resolveLogin } from '../scenarios/login';
import type { Owner } from '../scenarios/types';
import { accountIdsByItem } from '../store/accounts';
import { inTransaction } from '../store/db';
import { listBatchItems, setItemError, setItemOwners } from '../store/items';
import { findLinkToken, insertPublicToken } from '../store/tokens';
import { newItemWebhooks, PUBLIC_TOKEN_TTL_MS } from '../routes/link';
import { loginRepaired } from '../webhooks/bodies';
import { control, itemRef, resolveItemRef } from './control';

const looseOwner = z.looseObject({
  names: z.array(z.string()).optional(),
  emails: z.array(z.union([z.string(), z.looseObject({ data: z.string() })])).optional(),
  phone_numbers: z.array(z.union([z.string(), z.looseObject({ data: z.string() })])).optional(),
  addresses: z.array(z.looseObject({})).optional(),
});

/** The Link token's `user` (legal name, email, phone, address) as the Item's owner. */
function ownerFromLinkUser(user: Record<string, unknown> | undefined): Owner[] | undefined {
  if (!user || typeof user.legal_name !== 'string') return undefined;
  const address = user.address as Record<string, string> | undefined;
  return [
    ownerFromLoose({
      names: [user.legal_name],
      emails: typeof user.email_address === 'string' ? [user.email_address] : [],
      phone_numbers: typeof user.phone_number === 'string' ? [user.phone_number] : [],
      addresses: address?.street ? [{ street: address.street, city: address.city, region: address.region, postal_code: address.postal_code, country: address.country }] : [],
    }),
  ];
}

export function itemControls(deps: SandboxDeps): Router {
  const r = Router();

  /**
   * What Plaid Link does in a browser: turns a link_token and credentials into a public_token.
   * With a link token made for an access_token (update mode), repairs that Item's login instead.
   */
  r.post(
    '/link/complete',
    control(
      z.strictObject({ link_token: z.string(), username: z.string().optional(), password: z.string().optional(), institution_id: z.string().optional() }),
      async (body) => {
        const now = deps.clock.now();
        const link = await findLinkToken(deps.pool, body.link_token);
        if (!link) throw plaidError('INVALID_FIELD', 'link_token is not a known link token');
        if (link.expires_at <= now) throw plaidError('INVALID_FIELD', 'link_token has expired');
        if (link.access_token) {
          // Update mode: the user logs in again; the existing Item works again, no new Item.
          const item = await resolveItemRef(deps.pool, { access_token: link.access_token });
          await setItemError(deps.pool, item.item_id, null);
          const token = newPublicToken();
          await insertPublicToken(deps.pool, { public_token: token, item_id: item.item_id, created_at: now, expires_at: addMsToDate(now, PUBLIC_TOKEN_TTL_MS) });
          return { public_token: token, item_id: item.item_id, update_mode: true };
        }
        const institutionId = body.institution_id ?? DEFAULT_INSTITUTION;
        if (!SANDBOX_INSTITUTIONS[institutionId]) throw plaidError('INVALID_INSTITUTION');
        const login = resolveLogin(body.username ?? 'user_good', body.password ?? GOOD_PASSWORD);
        const spec: ItemSpec = {
          login,
          institutionId,
          products: link.products.length > 0 ? link.products : ['transactions'],
          webhook: link.webhook,
          owners: ownerFromLinkUser(link.request.user as Record<string, unknown> | undefined),
          history: 'now',
        };
        const { created, token } = await inTransaction(deps.pool, async (db) => {
          const [created] = await createItems(db, [spec], now);
          const token = newPublicToken();
          await insertPublicToken(db, { public_token: token, item_id: created.item.item_id, created_at: now, expires_at: addMsToDate(now, PUBLIC_TOKEN_TTL_MS) });
          return { created, token };
        });
        await deps.webhooks.sendAll(newItemWebhooks(created));
        return { public_token: token, item_id: created.item.item_id, accounts: created.accounts.map((a) => ({ account_id: a.account_id, name: a.name, mask: a.mask })) };
      },
    ),
  );

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

  /** Pages through a bulk batch: access tokens and account ids. */
  r.get(
    '/items',
    control(z.strictObject({ batch_id: z.string(), after: z.string().optional(), limit: z.coerce.number().int().min(1).max(5000).default(1000) }), async (q) => {
      const rows = await listBatchItems(deps.pool, q.batch_id, q.after ?? null, q.limit);
      const ids = await accountIdsByItem(deps.pool, rows.map((i) => i.item_id));
      const items = rows.map((i) => ({ item_id: i.item_id, access_token: i.access_token, account_ids: ids.get(i.item_id) ?? [] }));
      return { items, next_after: rows.length === q.limit ? rows[rows.length - 1].item_id : null };
    }),
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
