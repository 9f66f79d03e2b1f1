/**
 * Bank histories by reference: a step stores the history it saw once, here, and workflows carry
 * only its id. Keyed by the step that took it (e.g. `apply:<applicationId>`), so a retried
 * activity replaces its own snapshot instead of leaving another behind.
 * loadHistorySnapshot is the bank module's reader for other modules (underwriting loads what it
 * decides on by id, never from the bank's tables itself).
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { ApplicationFailure } from '@temporalio/common';
import type { ItemRow } from './bank-store';
import type { BankHistory } from './history';

/**
 * The item's last `days` days as sync stored them (posted and pending, not removed), with its
 * accounts' balances, as one BankHistory JSON value built by PostgreSQL. The window ends at the
 * bank's latest posting date rather than our clock, so a sandbox with an advanced clock, or a bank
 * that posts late, still yields the full window. The one definition of a stored history: loadHistory
 * (./sync.ts) selects it, snapshotStoredHistory inserts it without it leaving the database.
 * Built as `json`, not `jsonb`: the value is written once and read whole, never queried inside, and
 * converting hundreds of rows to jsonb's binary form was most of a snapshot's cost (migration 0022).
 * Parameters are SQL placeholders: the item's id, its institution's name and the days.
 */
export const storedHistorySql = (itemId: string, institutionName: string, days: string) => `json_build_object(
  'itemId', ${itemId}::text,
  'institutionName', ${institutionName}::text,
  'accounts', coalesce((
    SELECT json_agg(json_build_object('id', a.plaid_account_id, 'type', a.type, 'subtype', a.subtype, 'currentCents', a.current_cents,
             'availableCents', a.available_cents, 'isoCurrencyCode', a.iso_currency_code) ORDER BY a.type, a.name, a.plaid_account_id)
      FROM bank.accounts a WHERE a.item_id = ${itemId}::uuid), '[]'::json),
  'transactions', coalesce((
    SELECT json_agg(json_build_object('id', t.transaction_id, 'accountId', t.plaid_account_id, 'amountCents', t.amount_cents,
             'date', t.date, 'name', t.name, 'merchantName', t.merchant_name, 'category', t.category_primary,
             'categoryDetailed', t.category_detailed, 'pending', t.pending) ORDER BY t.date, t.transaction_id)
      FROM bank.transactions t
     WHERE t.item_id = ${itemId}::uuid AND t.removed_at IS NULL
       AND t.date >= (SELECT max(date) FROM bank.transactions WHERE item_id = ${itemId}::uuid AND removed_at IS NULL) - ${days}::int), '[]'::json))`;

/**
 * Snapshots the stored history inside PostgreSQL (one INSERT ... SELECT), so a 90-day history
 * (hundreds of rows, ~60 kB of JSON) never travels to this process and back.
 */
export async function snapshotStoredHistory(pool: Pool, key: string, accountId: string, item: ItemRow, days = 90): Promise<string> {
  const { rows } = await pool.query(
    `INSERT INTO bank.history_snapshots (id, snapshot_key, account_id, item_id, history)
     SELECT $1, $2, $3, $4::uuid, ${storedHistorySql('$4', '$5', '$6')}
     ON CONFLICT (snapshot_key) DO UPDATE SET history = excluded.history, item_id = excluded.item_id, taken_at = now()
     RETURNING id`,
    [randomUUID(), key, accountId, item.id, item.institutionName, days],
  );
  return rows[0].id;
}

export async function loadHistorySnapshot(pool: Pool, id: string): Promise<BankHistory> {
  const { rows } = await pool.query(`SELECT history FROM bank.history_snapshots WHERE id = $1`, [id]);
  if (!rows[0]) throw ApplicationFailure.nonRetryable(`bank history snapshot ${id} does not exist`, 'BANK_HISTORY_SNAPSHOT_MISSING');
  return rows[0].history as BankHistory;
}
