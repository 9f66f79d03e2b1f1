/** Account data: /accounts/get, /accounts/balance/get and /identity/get. */
import { z } from 'zod';
import type { SandboxDeps } from '../core/deps';
import { healthyItemForAccessToken } from '../core/resolve-item';
import { endpoint, type Endpoint } from '../http/endpoint';
import { plaidError } from '../http/plaid-error';
import { accessTokenField, requestSchema } from '../http/validation';
import { presentAccount } from '../present/account';
import { presentItem } from '../present/item';
import { type AccountRow, listAccounts } from '../store/accounts';

const accountIds = z.array(z.string().min(1)).optional();

const accountsGet = requestSchema({ access_token: accessTokenField, options: z.looseObject({ account_ids: accountIds }).optional() });
const balanceGet = requestSchema({
  access_token: accessTokenField,
  options: z.looseObject({ account_ids: accountIds, min_last_updated_datetime: z.iso.datetime({ offset: true }).nullish() }).optional(),
});
const identityGet = requestSchema({ access_token: accessTokenField, options: z.looseObject({ account_ids: accountIds }).optional() });

/** Applies options.account_ids; an id not on the Item is INVALID_ACCOUNT_ID, as at Plaid. */
function selectAccounts(accounts: AccountRow[], ids: string[] | undefined): AccountRow[] {
  if (!ids || ids.length === 0) return accounts;
  const known = new Set(accounts.map((a) => a.account_id));
  if (ids.some((id) => !known.has(id))) throw plaidError('INVALID_ACCOUNT_ID');
  return accounts.filter((a) => ids.includes(a.account_id));
}

export function accountEndpoints(deps: SandboxDeps): Endpoint[] {
  return [
    endpoint('/accounts/get', accountsGet, async (body) => {
      const item = await healthyItemForAccessToken(deps.pool, body.access_token);
      deps.rateLimiter.hit('/accounts/get', item.item_id);
      const accounts = selectAccounts(await listAccounts(deps.pool, item.item_id), body.options?.account_ids);
      return { accounts: accounts.map((a) => presentAccount(a)), item: presentItem(item) };
    }),

    endpoint('/accounts/balance/get', balanceGet, async (body) => {
      const item = await healthyItemForAccessToken(deps.pool, body.access_token);
      deps.rateLimiter.hit('/accounts/balance/get', item.item_id);
      const accounts = selectAccounts(await listAccounts(deps.pool, item.item_id), body.options?.account_ids);
      // A "real-time" balance: fetched from the bank now.
      const now = deps.clock.now();
      return { accounts: accounts.map((a) => presentAccount(a, { balanceUpdatedAt: now })), item: presentItem(item) };
    }),

    endpoint('/identity/get', identityGet, async (body) => {
      const item = await healthyItemForAccessToken(deps.pool, body.access_token);
      deps.rateLimiter.hit('/identity/get', item.item_id);
      const accounts = selectAccounts(await listAccounts(deps.pool, item.item_id), body.options?.account_ids);
      return { accounts: accounts.map((a) => ({ ...presentAccount(a), owners: item.owners })), item: presentItem(item) };
    }),
  ];
}
