/**
 * Incremental /transactions/sync: from the stored cursor, page until has_more is false, then
 * store every added/modified/removed transaction and the new cursor in ONE transaction, so a crash
 * mid-sync leaves the previous cursor and the next run fetches the same pages again (upserts make
 * that harmless). TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION restarts the loop from its first
 * cursor, as Plaid requires.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { RemovedTransaction, Transaction } from 'plaid';
import type { PoolClient } from 'pg';
import { withTransaction } from '../../db/pool';
import { liveItemOf, ItemRow, setItemStatus, upsertAccounts } from './bank-store';
import type { BankDeps } from './deps';
import type { BankHistory } from './history';
import { storedHistorySql } from './history-snapshot';
import { plaidAmountToCents } from '../../domain/money';
import { classifyPlaidError, plaidErrorInfo, toActivityFailure } from './plaid-errors';
import { decryptToken } from './token-crypto';

const MAX_RESTARTS = 3;
const PAGE = 500;

export interface SyncResult {
  added: number;
  modified: number;
  removed: number;
  pages: number;
  restarts: number;
}

function heartbeat(details: unknown): void {
  // Outside an activity (API or a script) there is nothing to heartbeat to.
  try {
    Context.current().heartbeat(details);
  } catch {
    /* not in an activity */
  }
}

/** The live item, or a non-retryable failure the workflow turns into a reason for the customer. */
export async function requireUsableItem(deps: BankDeps, accountId: string): Promise<ItemRow> {
  const item = await liveItemOf(deps.pool, accountId);
  if (!item) throw ApplicationFailure.nonRetryable('No bank is linked to this account.', 'NO_LINKED_BANK');
  if (item.status === 'login_required') throw ApplicationFailure.nonRetryable('The bank needs the customer to sign in again.', 'BANK_LOGIN_REQUIRED');
  return item;
}

/** Marks the item when Plaid says the login expired or the token died, then rethrows for Temporal. */
export async function plaidFailure(deps: BankDeps, item: ItemRow, err: unknown): Promise<Error> {
  const info = plaidErrorInfo(err);
  if (info) {
    const cls = classifyPlaidError(info);
    if (cls === 'login_required' || cls === 'invalid_token') await setItemStatus(deps.pool, item.id, 'login_required', info.errorCode ?? cls);
  }
  return toActivityFailure(err);
}

/**
 * One statement for the whole batch (a 90-day history is hundreds of rows): upsert by Plaid's id.
 * The columns Timely reads, not Plaid's whole object (migration 0020 says why).
 */
async function storeTransactions(c: PoolClient, itemId: string, txs: Transaction[]): Promise<void> {
  if (txs.length === 0) return;
  // One row per id (the last version wins): a statement may not upsert the same row twice.
  const latest = [...new Map(txs.map((t) => [t.transaction_id, t])).values()];
  const rows = latest.map((t) => ({
    transaction_id: t.transaction_id,
    plaid_account_id: t.account_id,
    amount_cents: plaidAmountToCents(t.amount),
    iso_currency_code: t.iso_currency_code ?? null,
    date: t.date,
    authorized_date: t.authorized_date ?? null,
    name: t.name ?? t.merchant_name ?? '',
    merchant_name: t.merchant_name ?? null,
    category_primary: t.personal_finance_category?.primary ?? null,
    category_detailed: t.personal_finance_category?.detailed ?? null,
    pending: t.pending,
    pending_transaction_id: t.pending_transaction_id ?? null,
  }));
  await c.query(
    `INSERT INTO bank.transactions (transaction_id, item_id, plaid_account_id, amount_cents, iso_currency_code, date,
       authorized_date, name, merchant_name, category_primary, category_detailed, pending, pending_transaction_id)
     SELECT r.transaction_id, $1, r.plaid_account_id, r.amount_cents, r.iso_currency_code, r.date, r.authorized_date, r.name,
            r.merchant_name, r.category_primary, r.category_detailed, r.pending, r.pending_transaction_id
     FROM jsonb_to_recordset($2::jsonb) AS r(transaction_id text, plaid_account_id text, amount_cents bigint, iso_currency_code text,
       date date, authorized_date date, name text, merchant_name text, category_primary text, category_detailed text, pending boolean,
       pending_transaction_id text)
     ON CONFLICT (transaction_id) DO UPDATE SET plaid_account_id = EXCLUDED.plaid_account_id, amount_cents = EXCLUDED.amount_cents,
       iso_currency_code = EXCLUDED.iso_currency_code, date = EXCLUDED.date, authorized_date = EXCLUDED.authorized_date,
       name = EXCLUDED.name, merchant_name = EXCLUDED.merchant_name, category_primary = EXCLUDED.category_primary,
       category_detailed = EXCLUDED.category_detailed, pending = EXCLUDED.pending,
       pending_transaction_id = EXCLUDED.pending_transaction_id, raw = NULL, updated_at = now(), removed_at = NULL`,
    [itemId, JSON.stringify(rows)],
  );
}

async function markRemoved(c: PoolClient, itemId: string, removed: RemovedTransaction[]): Promise<void> {
  const ids = removed.map((r) => r.transaction_id);
  if (ids.length) await c.query('UPDATE bank.transactions SET removed_at = now() WHERE item_id = $1 AND transaction_id = ANY($2)', [itemId, ids]);
}

/** Pulls every change since the stored cursor and stores it; returns the counts. */
export async function syncTransactions(deps: BankDeps, accountId: string): Promise<SyncResult> {
  return syncItemTransactions(deps, await requireUsableItem(deps, accountId));
}

/** The same for an item the caller already holds (requireUsableItem). */
export async function syncItemTransactions(deps: BankDeps, item: ItemRow): Promise<SyncResult> {
  const accessToken = decryptToken(deps.key, item.accessTokenEnc);
  for (let restarts = 0; ; restarts++) {
    const added: Transaction[] = [];
    const modified: Transaction[] = [];
    const removed: RemovedTransaction[] = [];
    let cursor = item.syncCursor ?? undefined;
    let pages = 0;
    let accounts;
    try {
      for (let hasMore = true; hasMore; ) {
        heartbeat({ pages, added: added.length });
        const { data } = await deps.plaid.transactionsSync({ access_token: accessToken, cursor, count: PAGE });
        if (pages === 0 && !item.syncCursor && data.transactions_update_status === 'NOT_READY' && data.added.length === 0)
          throw ApplicationFailure.retryable('Plaid has not finished the first transactions pull yet', 'PLAID_PRODUCT_NOT_READY');
        added.push(...data.added);
        modified.push(...data.modified);
        removed.push(...data.removed);
        accounts = data.accounts;
        cursor = data.next_cursor;
        hasMore = data.has_more;
        pages += 1;
        heartbeat({ pages, added: added.length });
      }
    } catch (err) {
      const info = plaidErrorInfo(err);
      if (info && classifyPlaidError(info) === 'mutation_during_pagination' && restarts < MAX_RESTARTS) continue;
      throw err instanceof ApplicationFailure ? err : await plaidFailure(deps, item, err);
    }
    await withTransaction(async (c) => {
      await storeTransactions(c, item.id, [...added, ...modified]);
      await markRemoved(c, item.id, removed);
      if (accounts?.length) await upsertAccounts(c, item.id, accounts);
      // The new cursor and the run's record in one statement.
      await c.query(
        `WITH moved AS (UPDATE bank.items SET sync_cursor = $3, last_synced_at = now(), updated_at = now() WHERE id = $1)
         INSERT INTO bank.sync_runs (item_id, from_cursor, to_cursor, added, modified, removed, pages, restarts) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
        [item.id, item.syncCursor, cursor, added.length, modified.length, removed.length, pages, restarts],
      );
    }, deps.pool);
    return { added: added.length, modified: modified.length, removed: removed.length, pages, restarts };
  }
}

/** The stored history (last `days` days) with current balances: ./history-snapshot.ts defines it. */
export async function loadHistory(deps: BankDeps, accountId: string, days = 90): Promise<BankHistory> {
  const item = await requireUsableItem(deps, accountId);
  const { rows } = await deps.pool.query(`SELECT ${storedHistorySql('$1', '$2', '$3')} AS history`, [item.id, item.institutionName, days]);
  return rows[0].history as BankHistory;
}
