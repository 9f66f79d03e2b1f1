/** Item management: /item/get, /item/remove, and the Sandbox's /sandbox/item/reset_login and /sandbox/item/fire_webhook. */
import { z } from 'zod';
import { isoDateTime } from '../clock';
import type { SandboxDeps } from '../core/deps';
import { itemForAccessToken } from '../core/resolve-item';
import { addMsToDate } from '../core/time';
import { endpoint, type Endpoint } from '../http/endpoint';
import { plaidError } from '../http/plaid-error';
import { accessTokenField, requestSchema } from '../http/validation';
import { presentItem, presentItemStatus } from '../present/item';
import { listAccounts } from '../store/accounts';
import { markItemRemoved, setItemError, type ItemRow } from '../store/items';
import {
  itemError,
  loginRepaired,
  newAccountsAvailable,
  pendingDisconnect,
  syncUpdatesAvailable,
  transactionsDefaultUpdate,
  userAccountRevoked,
  userPermissionRevoked,
} from '../webhooks/bodies';
import type { WebhookBody } from '../webhooks/dispatcher';

const FIRE_WEBHOOK_CODES = [
  'DEFAULT_UPDATE', 'NEW_ACCOUNTS_AVAILABLE', 'SMS_MICRODEPOSITS_VERIFICATION', 'AUTHORIZATION_GRANTED', 'USER_PERMISSION_REVOKED',
  'USER_ACCOUNT_REVOKED', 'PENDING_DISCONNECT', 'RECURRING_TRANSACTIONS_UPDATE', 'LOGIN_REPAIRED', 'SYNC_UPDATES_AVAILABLE', 'PRODUCT_READY', 'ERROR',
] as const;
const WEBHOOK_TYPES = ['AUTH', 'HOLDINGS', 'INVESTMENTS_TRANSACTIONS', 'ITEM', 'LIABILITIES', 'TRANSACTIONS', 'ASSETS'] as const;

const itemGet = requestSchema({ access_token: accessTokenField });
const itemRemove = requestSchema({ access_token: accessTokenField, reason_code: z.string().nullish(), reason_note: z.string().max(512).nullish() });
const resetLogin = requestSchema({ access_token: accessTokenField });
const fireWebhook = requestSchema({ access_token: accessTokenField, webhook_type: z.enum(WEBHOOK_TYPES).optional(), webhook_code: z.enum(FIRE_WEBHOOK_CODES) });

/** The body /sandbox/item/fire_webhook sends, or the Sandbox error Plaid gives for that combination. */
async function firedWebhookBody(deps: SandboxDeps, item: ItemRow, code: (typeof FIRE_WEBHOOK_CODES)[number], type: string | undefined): Promise<WebhookBody> {
  const hasTransactions = item.products.includes('transactions');
  switch (code) {
    case 'SYNC_UPDATES_AVAILABLE':
      if (!hasTransactions) throw plaidError('SANDBOX_PRODUCT_NOT_ENABLED', 'The transactions product is not enabled on this item');
      return syncUpdatesAvailable(item.item_id);
    case 'DEFAULT_UPDATE':
      if ((type ?? 'TRANSACTIONS') !== 'TRANSACTIONS' || !hasTransactions)
        throw plaidError('SANDBOX_PRODUCT_NOT_ENABLED', `The ${(type ?? 'transactions').toLowerCase()} product is not enabled on this item`);
      return transactionsDefaultUpdate(item.item_id, 0);
    case 'NEW_ACCOUNTS_AVAILABLE':
      return newAccountsAvailable(item.item_id);
    case 'LOGIN_REPAIRED':
      return loginRepaired(item.item_id);
    case 'PENDING_DISCONNECT':
      return pendingDisconnect(item.item_id, isoDateTime(addMsToDate(deps.clock.now(), 7 * 24 * 3600 * 1000)));
    case 'USER_PERMISSION_REVOKED':
      return userPermissionRevoked(item.item_id);
    case 'USER_ACCOUNT_REVOKED': {
      const [first] = await listAccounts(deps.pool, item.item_id);
      return userAccountRevoked(item.item_id, first.account_id);
    }
    case 'ERROR':
      if (type === 'ITEM') return itemError(item.item_id, plaidError('ITEM_LOGIN_REQUIRED'));
      throw plaidError('SANDBOX_PRODUCT_NOT_ENABLED', 'The assets product is not enabled on this item');
    default:
      throw plaidError('SANDBOX_PRODUCT_NOT_ENABLED', `The product for ${code} is not enabled on this item`);
  }
}

export function itemEndpoints(deps: SandboxDeps): Endpoint[] {
  return [
    endpoint('/item/get', itemGet, async (body) => {
      // Works for an Item in error: that is how clients learn what is wrong with it.
      const item = await itemForAccessToken(deps.pool, body.access_token);
      deps.rateLimiter.hit('/item/get', item.item_id);
      return { item: presentItem(item, { consentFields: true }), status: presentItemStatus(item) };
    }),

    endpoint('/item/remove', itemRemove, async (body) => {
      const item = await itemForAccessToken(deps.pool, body.access_token);
      await markItemRemoved(deps.pool, item.item_id, deps.clock.now());
      return {};
    }),

    endpoint('/sandbox/item/reset_login', resetLogin, async (body) => {
      const item = await itemForAccessToken(deps.pool, body.access_token);
      await setItemError(deps.pool, item.item_id, 'ITEM_LOGIN_REQUIRED');
      if (item.webhook) await deps.webhooks.send({ itemId: item.item_id, url: item.webhook, body: itemError(item.item_id, plaidError('ITEM_LOGIN_REQUIRED')) });
      return { reset_login: true };
    }),

    endpoint('/sandbox/item/fire_webhook', fireWebhook, async (body) => {
      const item = await itemForAccessToken(deps.pool, body.access_token);
      if (!item.webhook) throw plaidError('SANDBOX_WEBHOOK_INVALID');
      const webhook = await firedWebhookBody(deps, item, body.webhook_code, body.webhook_type);
      await deps.webhooks.send({ itemId: item.item_id, url: item.webhook, body: webhook });
      return { webhook_fired: true };
    }),
  ];
}
