/**
 * A day-by-day balance line, rebuilt backwards from one known balance and the transactions that
 * posted since. Plaid's sign: a positive amount is money leaving the account, so the balance at
 * the end of the previous day is today's balance PLUS what left today (and minus what came in).
 *
 * Integer cents and ISO dates only (sumCents refuses to overflow); no clock: the caller says which
 * day the known balance belongs to.
 */
import { addDays, assertIsoDate, compareDates, IsoDate } from './dates';
import { assertCents, Cents, sumCents } from './money';

export interface PostedAmount {
  date: IsoDate;
  /** Plaid's sign: positive = money out. */
  amountCents: Cents;
}

export interface BalancePoint {
  date: IsoDate;
  /** End-of-day balance. */
  balanceCents: Cents;
}

export interface BalanceHistoryInput {
  /** The known balance, which includes every transaction given (also any dated after endDate). */
  balanceCents: Cents;
  /** The last day of the line (its point is the known balance, less anything dated later). */
  endDate: IsoDate;
  /** How many daily points, ending at endDate. */
  days: number;
  /** Posted transactions (pending ones are not in a current balance, so leave them out). */
  transactions: readonly PostedAmount[];
}

/** One point per day, oldest first, `days` points ending at endDate. */
export function balanceHistory(input: BalanceHistoryInput): BalancePoint[] {
  const { balanceCents, endDate, days, transactions } = input;
  assertCents(balanceCents, 'balanceCents');
  assertIsoDate(endDate, 'endDate');
  if (!Number.isSafeInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, got ${days}`);

  const outByDate = new Map<IsoDate, Cents[]>();
  for (const t of transactions) {
    assertIsoDate(t.date, 'transaction date');
    assertCents(t.amountCents, 'transaction amount');
    outByDate.set(t.date, [...(outByDate.get(t.date) ?? []), t.amountCents]);
  }
  const outOn = (date: IsoDate): Cents => sumCents(outByDate.get(date) ?? []);

  // Undo what posted after the last day first: the known balance already reflects it.
  const later = transactions.filter((t) => compareDates(t.date, endDate) > 0).map((t) => t.amountCents);
  let balance = sumCents([balanceCents, sumCents(later)]);

  const points: BalancePoint[] = [];
  let date = endDate;
  for (let i = 0; i < days; i++) {
    points.push({ date, balanceCents: balance });
    balance = sumCents([balance, outOn(date)]);
    date = addDays(date, -1);
  }
  return points.reverse();
}
