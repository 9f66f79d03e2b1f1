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
import type { BankHistory } from './history';

export async function storeHistorySnapshot(pool: Pool, key: string, accountId: string, history: BankHistory): Promise<string> {
  const { rows } = await pool.query(
    `INSERT INTO bank.history_snapshots (id, snapshot_key, account_id, item_id, history) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (snapshot_key) DO UPDATE SET history = excluded.history, item_id = excluded.item_id, taken_at = now()
     RETURNING id`,
    [randomUUID(), key, accountId, history.itemId, JSON.stringify(history)],
  );
  return rows[0].id;
}

export async function loadHistorySnapshot(pool: Pool, id: string): Promise<BankHistory> {
  const { rows } = await pool.query(`SELECT history FROM bank.history_snapshots WHERE id = $1`, [id]);
  if (!rows[0]) throw ApplicationFailure.nonRetryable(`bank history snapshot ${id} does not exist`, 'BANK_HISTORY_SNAPSHOT_MISSING');
  return rows[0].history as BankHistory;
}
