/**
 * Daily balances, reconstructed backwards from today's balance.
 *
 * Plaid gives the balance now, not the balance on each past day, so we walk back: the balance at
 * the end of day D is today's balance plus every posted amount dated after D (Plaid's sign makes
 * this a plain sum: a purchase after D, positive, was still in the account at the end of D).
 * Pending transactions are left out on both sides: `balances.current` excludes them, and they
 * may still change or vanish.
 */
import { IsoDate, addDays, compareDates, daysBetween, maxDate } from '../dates';
import { Cents, assertCents, mulDivRound } from '../money';
import type { BankAccount, BankHistory, BankTransaction } from './types';

export interface DailyBalance {
  date: IsoDate;
  /** End-of-day balance in cents. */
  balanceCents: Cents;
}

/**
 * The account advances go to: the one named by the history, else the first depository checking
 * account, else the first depository account. Null when there is none (credit cards, loans).
 */
export function primaryAccount(history: BankHistory): BankAccount | null {
  if (history.primaryAccountId) {
    return history.accounts.find((a) => a.account_id === history.primaryAccountId) ?? null;
  }
  const depository = history.accounts.filter((a) => a.type === 'depository');
  return depository.find((a) => a.subtype === 'checking') ?? depository[0] ?? null;
}

/** The balance the walk starts from: `current` (posted) when known, else `available`. */
export function startingBalance(account: BankAccount): Cents | null {
  return account.balances.currentCents ?? account.balances.availableCents ?? null;
}

/** Posted transactions of one account dated on or before asOf, oldest first. */
export function postedTransactions(transactions: readonly BankTransaction[], accountId: string, asOf: IsoDate): BankTransaction[] {
  return transactions
    .filter((t) => t.account_id === accountId && !t.pending && compareDates(t.date, asOf) <= 0)
    .sort((a, b) => compareDates(a.date, b.date) || (a.transaction_id < b.transaction_id ? -1 : 1));
}

/**
 * End-of-day balances for the `days` days ending on asOf, oldest first, starting no earlier than
 * the oldest transaction we have (before it, the balance is unknown, not flat).
 * `transactions` must be posted transactions of the account (see postedTransactions).
 */
export function reconstructDailyBalances(
  balanceAtAsOfCents: Cents,
  transactions: readonly BankTransaction[],
  asOf: IsoDate,
  days: number,
): DailyBalance[] {
  assertCents(balanceAtAsOfCents, 'balance');
  if (transactions.length === 0 || days <= 0) return [];
  const oldest = transactions.reduce((min, t) => (compareDates(t.date, min) < 0 ? t.date : min), asOf);
  const start = maxDate(addDays(asOf, -(days - 1)), oldest);
  // Net outflow per day (Plaid sign), to add back while walking towards the past.
  const outflowByDate = new Map<IsoDate, number>();
  for (const t of transactions) {
    if (compareDates(t.date, asOf) > 0) continue;
    assertCents(t.amountCents, `amount of ${t.transaction_id}`);
    outflowByDate.set(t.date, (outflowByDate.get(t.date) ?? 0) + t.amountCents);
  }
  const out: DailyBalance[] = [];
  let balance = balanceAtAsOfCents;
  for (let d = asOf; compareDates(d, start) >= 0; d = addDays(d, -1)) {
    out.push({ date: d, balanceCents: balance });
    // Going from the end of day d to the end of day d-1: undo day d's transactions.
    balance += outflowByDate.get(d) ?? 0;
    assertCents(balance, 'reconstructed balance');
  }
  return out.reverse();
}

/** Average of the last `days` end-of-day balances (fewer if that is all we have), rounded to a cent. */
export function averageDailyBalance(balances: readonly DailyBalance[], asOf: IsoDate, days: number): Cents | null {
  const window = balances.filter((b) => daysBetween(b.date, asOf) < days && daysBetween(b.date, asOf) >= 0);
  if (window.length === 0) return null;
  const total = window.reduce((s, b) => s + b.balanceCents, 0);
  return mulDivRound(total, 1, window.length);
}

export function minimumDailyBalance(balances: readonly DailyBalance[]): Cents | null {
  return balances.length === 0 ? null : balances.reduce((m, b) => Math.min(m, b.balanceCents), Number.POSITIVE_INFINITY);
}
