/**
 * /transactions/sync. The cursor is an opaque position in the sandbox's change sequence:
 * `f` (changes already delivered up to), and during pagination `t` (the high-water mark fixed
 * by the first page) and `a` (the last row returned). If the Item's transactions change while a
 * client is paging, the next page answers TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION, and the
 * client restarts from its first cursor, exactly the contract Plaid documents.
 */
import { z } from 'zod';
import { ensureHistory } from '../core/create-item';
import type { SandboxDeps } from '../core/deps';
import { healthyItemForAccessToken } from '../core/resolve-item';
import { endpoint, type Endpoint } from '../http/endpoint';
import { invalidField, plaidError } from '../http/plaid-error';
import { accessTokenField, requestSchema } from '../http/validation';
import { presentAccount } from '../present/account';
import { presentTransaction } from '../present/transaction';
import { listAccounts } from '../store/accounts';
import { inTransaction } from '../store/db';
import { findItem } from '../store/items';
import { syncPage } from '../store/transactions';

export const DEFAULT_SYNC_COUNT = 100;
export const MAX_SYNC_COUNT = 500;

const transactionsSync = requestSchema({
  access_token: accessTokenField,
  cursor: z.string().nullish(),
  count: z.number().int().min(1).max(MAX_SYNC_COUNT).nullish(),
  options: z
    .looseObject({
      include_original_description: z.boolean().nullish(),
      include_personal_finance_category: z.boolean().optional(),
      include_logo_and_counterparty_beta: z.boolean().optional(),
      personal_finance_category_version: z.enum(['v1', 'v2']).optional(),
      days_requested: z.number().int().min(1).max(730).optional(),
      account_id: z.string().optional(),
    })
    .optional(),
});

interface Cursor {
  i: string; // item_id, so a cursor cannot be replayed against another Item
  f: string;
  t?: string;
  a?: [string, string];
}

const cursorShape = z.object({ i: z.string(), f: z.string().regex(/^\d+$/), t: z.string().regex(/^\d+$/).optional(), a: z.tuple([z.string().regex(/^\d+$/), z.string()]).optional() });

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(raw: string | null | undefined, itemId: string): Cursor {
  if (!raw) return { i: itemId, f: '0' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidField('cursor', 'is not a valid cursor');
  }
  const c = cursorShape.safeParse(parsed);
  if (!c.success || c.data.i !== itemId) throw invalidField('cursor', 'is not a valid cursor for this access_token');
  return c.data;
}

export function transactionEndpoints(deps: SandboxDeps): Endpoint[] {
  return [
    endpoint('/transactions/sync', transactionsSync, async (body) => {
      let item = await healthyItemForAccessToken(deps.pool, body.access_token);
      deps.rateLimiter.hit('/transactions/sync', item.item_id);
      if (item.history_state === 'pending') {
        await inTransaction(deps.pool, (db) => ensureHistory(db, item.item_id));
        item = (await findItem(deps.pool, item.item_id))!;
      }
      const count = body.count ?? DEFAULT_SYNC_COUNT;
      const accountId = body.options?.account_id;
      const accounts = await listAccounts(deps.pool, item.item_id);
      if (accountId && !accounts.some((a) => a.account_id === accountId)) throw plaidError('INVALID_ACCOUNT_ID');

      const cursor = decodeCursor(body.cursor, item.item_id);
      if (cursor.t !== undefined && BigInt(item.last_change_seq) > BigInt(cursor.t)) throw plaidError('TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION');
      const to = cursor.t ?? item.last_change_seq;
      const rows = await syncPage(deps.pool, { itemId: item.item_id, from: cursor.f, to, after: cursor.a ?? null, limit: count + 1, accountId });
      const hasMore = rows.length > count;
      const page = rows.slice(0, count);
      const last = page[page.length - 1]?.row;
      const next: Cursor = hasMore ? { i: item.item_id, f: cursor.f, t: to, a: [last.change_seq, last.transaction_id] } : { i: item.item_id, f: BigInt(to) > BigInt(cursor.f) ? to : cursor.f };

      const opts = { includeOriginalDescription: body.options?.include_original_description ?? false };
      return {
        added: page.filter((p) => p.kind === 'added').map((p) => presentTransaction(p.row, opts)),
        modified: page.filter((p) => p.kind === 'modified').map((p) => presentTransaction(p.row, opts)),
        removed: page.filter((p) => p.kind === 'removed').map((p) => ({ transaction_id: p.row.transaction_id, account_id: p.row.account_id })),
        next_cursor: encodeCursor(next),
        has_more: hasMore,
        accounts: accounts.filter((a) => !accountId || a.account_id === accountId).map((a) => presentAccount(a)),
        transactions_update_status: 'HISTORICAL_UPDATE_COMPLETE',
      };
    }),
  ];
}
