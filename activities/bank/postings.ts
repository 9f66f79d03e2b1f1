/**
 * The bank module's answer to "what did the customer's bank book?": posted, not removed
 * transactions synced from /transactions/sync (bank.transactions), on given Plaid accounts, since a
 * date, whose name carries one of the given texts (an originator's ACH description, e.g. "TIMELY
 * ADVANCE"). Other modules (the transfers module's reconciliation) ask through here, never by
 * reading bank.transactions. Amounts keep Plaid's sign: positive = money left the account.
 */
import type { Pool } from 'pg';
import { logger } from '../../platform/logger';
import type { BankDeps } from './deps';
import { syncTransactions } from './sync';

export interface BankPosting {
  transactionId: string;
  plaidAccountId: string;
  /** Plaid's sign: positive = money left the account (a debit), negative = money arrived (a credit). */
  amountCents: number;
  date: string;
  name: string;
}

export async function bankPostingsNamed(pool: Pool, q: { plaidAccountIds: readonly string[]; since: string; nameContains: readonly string[] }): Promise<BankPosting[]> {
  if (q.plaidAccountIds.length === 0 || q.nameContains.length === 0) return [];
  const patterns = [...new Set(q.nameContains.map((t) => `%${t.toUpperCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`))];
  const { rows } = await pool.query(
    `SELECT transaction_id, plaid_account_id, amount_cents, date::text AS date, name FROM bank.transactions
      WHERE plaid_account_id = ANY($1) AND date >= $2::date AND removed_at IS NULL AND NOT pending AND upper(name) LIKE ANY($3)
      ORDER BY date, first_seen_at, transaction_id`,
    [q.plaidAccountIds, q.since, patterns],
  );
  return rows.map((r) => ({ transactionId: r.transaction_id, plaidAccountId: r.plaid_account_id, amountCents: Number(r.amount_cents), date: r.date, name: r.name }));
}

/**
 * Pulls what the banks booked since the last sync for these customers (the same sync as a webhook's
 * or an evaluation's). A customer whose bank cannot be read now (unlinked, login needed, Plaid
 * down) is skipped and logged: the caller compares with what is stored.
 */
export async function refreshBankPostings(deps: BankDeps, accountIds: readonly string[]): Promise<void> {
  for (const accountId of new Set(accountIds)) {
    try {
      await syncTransactions(deps, accountId);
    } catch (err) {
      logger.warn({ err, accountId }, 'bank postings could not be refreshed; comparing with the stored ones');
    }
  }
}
