/**
 * Overdrafts and NSF: how often the account ran out of money.
 *
 * Two kinds of evidence, because banks differ: days on which the reconstructed balance was below
 * zero, and the fees the bank charged (an NSF fee means a payment bounced; the balance may never
 * have gone negative). Other bank fees (ATM, foreign transaction, interest) say nothing about
 * running dry and are not counted.
 */
import { IsoDate, compareDates, daysBetween } from '../dates';
import type { DailyBalance } from './balances';
import type { BankTransaction } from './types';

export type FeeKind = 'overdraft' | 'nsf' | null;

/** Is this transaction an overdraft fee, an NSF fee, or neither? */
export function feeKindOf(tx: BankTransaction): FeeKind {
  if (tx.amountCents <= 0) return null; // a fee takes money out; a fee refund is not an incident
  const name = ` ${tx.name.toUpperCase().replace(/[^A-Z0-9 ]+/g, ' ').replace(/\s+/g, ' ')} `;
  // NSF first: "RETURNED ITEM FEE - INSUFFICIENT FUNDS" is about a bounced payment.
  if (/ (NSF|NON SUFFICIENT|INSUFFICIENT FUNDS?|RETURNED ITEM|RETURN ITEM) /.test(name)) return 'nsf';
  if (/ (OVERDRAFT|OD FEE|OD CHARGE|OVERDRAWN|OD PROTECTION) /.test(name)) return 'overdraft';
  const detailed = tx.personal_finance_category?.detailed ?? '';
  if (detailed === 'BANK_FEES_INSUFFICIENT_FUNDS') return 'nsf';
  if (detailed === 'BANK_FEES_OVERDRAFT_FEES') return 'overdraft';
  const legacy = (tx.category ?? []).map((c) => c.toUpperCase());
  if (legacy.includes('BANK FEES')) {
    if (legacy.includes('INSUFFICIENT FUNDS')) return 'nsf';
    if (legacy.includes('OVERDRAFT')) return 'overdraft';
  }
  return null;
}

export interface OverdraftFeatures {
  negativeBalanceDays: number;
  negativeBalanceEpisodes: number;
  overdraftFeeCount: number;
  nsfFeeCount: number;
  /** max(episodes, overdraft fees) + NSF fees: one overdraft usually shows as both a negative run and a fee. */
  incidents: number;
}

/** Overdraft evidence over the `days` days ending on asOf. */
export function overdraftFeatures(
  balances: readonly DailyBalance[],
  postedTransactions: readonly BankTransaction[],
  asOf: IsoDate,
  days: number,
): OverdraftFeatures {
  const inWindow = (d: IsoDate) => compareDates(d, asOf) <= 0 && daysBetween(d, asOf) < days;
  let negativeBalanceDays = 0;
  let negativeBalanceEpisodes = 0;
  let previousNegative = false;
  for (const b of balances) {
    if (!inWindow(b.date)) continue;
    const negative = b.balanceCents < 0;
    if (negative) negativeBalanceDays++;
    if (negative && !previousNegative) negativeBalanceEpisodes++;
    previousNegative = negative;
  }
  let overdraftFeeCount = 0;
  let nsfFeeCount = 0;
  for (const t of postedTransactions) {
    if (!inWindow(t.date)) continue;
    const kind = feeKindOf(t);
    if (kind === 'overdraft') overdraftFeeCount++;
    if (kind === 'nsf') nsfFeeCount++;
  }
  return {
    negativeBalanceDays,
    negativeBalanceEpisodes,
    overdraftFeeCount,
    nsfFeeCount,
    incidents: Math.max(negativeBalanceEpisodes, overdraftFeeCount) + nsfFeeCount,
  };
}
