/**
 * The watched account's daily balance line for the customer's chart, read from what the bank
 * module already stored (no Plaid call): the latest stored current balance, walked back through the
 * stored posted transactions (domain/balance-history.ts does the arithmetic).
 */
import type { Pool } from 'pg';
import { balanceHistory, BalancePoint } from '../../domain/balance-history';
import type { IsoDate } from '../../domain/dates';
import { DomainError } from '../../platform/errors';
import { accountsOfItem, liveItemOf } from './bank-store';
import { watchedAccount } from './watched-account';

export interface BalanceHistory {
  currency: 'USD';
  /** The bank account's id, as in GET /v1/bank. */
  accountId: string;
  points: BalancePoint[];
}

export async function readBalanceHistory(pool: Pool, accountId: string, days: number, today: IsoDate): Promise<BalanceHistory> {
  const item = await liveItemOf(pool, accountId);
  if (!item) throw new DomainError('conflict', 'no-linked-bank', 'No bank is linked to this account. Link one first (POST /v1/bank/link).');
  const account = watchedAccount(await accountsOfItem(pool, item.id));
  const balance = account?.currentCents ?? null;
  if (!account || balance === null)
    throw new DomainError('conflict', 'balance-unavailable', 'Your bank has not reported a balance for a checking account yet. Try again later.');
  // Pending transactions are not in the current balance; removed ones never happened.
  const { rows } = await pool.query(
    `SELECT to_char(date, 'YYYY-MM-DD') AS date, sum(amount_cents)::text AS cents FROM bank.transactions
     WHERE item_id = $1 AND plaid_account_id = $2 AND removed_at IS NULL AND NOT pending GROUP BY date`,
    [item.id, account.id],
  );
  const transactions = rows.map((r) => ({ date: r.date as string, amountCents: Number(r.cents) }));
  // The line ends on the balance's day, or on the bank's latest posting when that is later (the
  // local sandbox's clock can run ahead of ours).
  const balanceDay = account.balancesAt?.slice(0, 10) ?? today;
  const latestPosting = transactions.reduce<string | null>((max, t) => (max === null || t.date > max ? t.date : max), null);
  const endDate = latestPosting && latestPosting > balanceDay ? latestPosting : balanceDay;
  return { currency: 'USD', accountId: account.id, points: balanceHistory({ balanceCents: balance, endDate, days, transactions }) };
}
