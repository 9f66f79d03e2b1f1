/**
 * Builds one account's history day by day, the way a bank would post it, so balances, overdrafts
 * and fees follow from the transactions instead of being invented separately.
 *
 * Days are numbered 0..days-1; the last day is the anchor ("today", the Item's creation date).
 * Card purchases on the last `pendingDays` days stay pending: they lower the available balance
 * but not the current one, as at a real bank.
 */
import { addDays } from '../clock';
import type { Merchant } from './merchants';
import { OVERDRAFT_FEE } from './merchants';
import type { Rng } from './rng';
import type { GeneratedTransaction } from './types';

export interface PlannedTransaction {
  day: number;
  amount_cents: number;
  name: string;
  merchant_name: string | null;
  payment_channel: GeneratedTransaction['payment_channel'];
  pfc: [string, string];
  counterparty_type: GeneratedTransaction['counterparty_type'];
  /** Card purchases are authorized a day or two before they post, and can be pending. */
  card: boolean;
}

export interface BuiltHistory {
  transactions: GeneratedTransaction[];
  current_cents: number;
  available_cents: number;
}

export interface BuildOptions {
  /** Balance at the start of day 0. */
  openingCents: number;
  /**
   * Charge an overdraft fee for each debit over $5 that posts into a negative balance, at most
   * three a day (a common US bank policy).
   */
  overdraftFees?: boolean;
  pendingDays?: number;
}

interface Calendar {
  dates: string[];
  weekdays: number[];
}

// Calendars of the windows in use, computed once: bulk seeding generates 100,000 histories on one anchor.
const calendars = new Map<string, Calendar>();

function calendar(anchor: string, days: number): Calendar {
  const key = `${anchor}/${days}`;
  let cal = calendars.get(key);
  if (!cal) {
    cal = { dates: [], weekdays: [] };
    // Two days before the window too, for authorization dates of early purchases; one after, for "last day of month".
    for (let day = -2; day <= days; day++) {
      const d = new Date(`${addDays(anchor, day - (days - 1))}T00:00:00Z`);
      cal.dates.push(d.toISOString().slice(0, 10));
      cal.weekdays.push(d.getUTCDay());
    }
    if (calendars.size > 64) calendars.clear();
    calendars.set(key, cal);
  }
  return cal;
}

export class History {
  private planned: PlannedTransaction[] = [];
  private readonly dates: string[];
  private readonly weekdays: number[];

  constructor(
    readonly anchor: string,
    readonly days = 90,
  ) {
    ({ dates: this.dates, weekdays: this.weekdays } = calendar(anchor, days));
  }

  dateOf(day: number): string {
    return this.dates[day + 2];
  }

  /** 0 = Sunday ... 6 = Saturday. */
  weekdayOf(day: number): number {
    return this.weekdays[day + 2];
  }

  dayOfMonth(day: number): number {
    return Number(this.dateOf(day).slice(8, 10));
  }

  /** Money out (positive amount, Plaid's sign convention). */
  spend(day: number, merchant: Merchant, rng: Rng, opts: { card?: boolean; amount?: number } = {}): void {
    const amount = opts.amount ?? (merchant.min === merchant.max ? merchant.min : rng.int(merchant.min, merchant.max));
    this.planned.push({
      day,
      amount_cents: amount,
      name: merchant.name,
      merchant_name: merchant.merchant_name,
      payment_channel: merchant.channel,
      pfc: merchant.pfc,
      counterparty_type: merchant.channel === 'other' ? 'financial_institution' : 'merchant',
      card: opts.card ?? merchant.channel !== 'other',
    });
  }

  /** Money in (negative amount: payroll, payouts, transfers in). */
  deposit(day: number, cents: number, name: string, merchantName: string | null, pfc: [string, string], counterparty: PlannedTransaction['counterparty_type'] = 'income_source'): void {
    this.planned.push({ day, amount_cents: -cents, name, merchant_name: merchantName, payment_channel: 'other', pfc, counterparty_type: counterparty, card: false });
  }

  /** A non-card debit (ACH, transfer, fee) with explicit fields. */
  debit(day: number, cents: number, name: string, merchantName: string | null, pfc: [string, string], channel: PlannedTransaction['payment_channel'] = 'online', counterparty: PlannedTransaction['counterparty_type'] = 'financial_institution'): void {
    this.planned.push({ day, amount_cents: cents, name, merchant_name: merchantName, payment_channel: channel, pfc, counterparty_type: counterparty, card: false });
  }

  build(opts: BuildOptions, rng: Rng): BuiltHistory {
    const pendingDays = opts.pendingDays ?? 2;
    const out: GeneratedTransaction[] = [];
    let balance = opts.openingCents;
    let pendingDebits = 0;
    const byDay: PlannedTransaction[][] = Array.from({ length: this.days }, () => []);
    for (const p of this.planned) byDay[p.day].push(p);
    for (let day = 0; day < this.days; day++) {
      // Credits post first thing in the morning, debits after: the order banks use.
      const today = byDay[day].sort((a, b) => a.amount_cents - b.amount_cents);
      let feesToday = 0;
      for (const p of today) {
        const date = this.dateOf(day);
        const pending = p.card && day >= this.days - pendingDays;
        const lag = p.card && !pending ? rng.int(0, 2) : 0;
        out.push(this.toTransaction(p, date, this.dateOf(day - lag), pending));
        if (pending) {
          if (p.amount_cents > 0) pendingDebits += p.amount_cents;
          continue;
        }
        balance -= p.amount_cents;
        if (opts.overdraftFees && p.amount_cents > 500 && balance < 0 && feesToday < 3) {
          feesToday++;
          balance -= OVERDRAFT_FEE.min;
          out.push(
            this.toTransaction(
              { day, amount_cents: OVERDRAFT_FEE.min, name: OVERDRAFT_FEE.name, merchant_name: null, payment_channel: 'other', pfc: OVERDRAFT_FEE.pfc, counterparty_type: null, card: false },
              date,
              date,
              false,
            ),
          );
        }
      }
    }
    return { transactions: out, current_cents: balance, available_cents: balance - pendingDebits };
  }

  private toTransaction(p: PlannedTransaction, date: string, authorized: string, pending: boolean): GeneratedTransaction {
    return {
      date,
      authorized_date: p.card ? authorized : null,
      amount_cents: p.amount_cents,
      name: p.name,
      merchant_name: p.merchant_name,
      payment_channel: p.payment_channel,
      pfc_primary: p.pfc[0],
      pfc_detailed: p.pfc[1],
      counterparty_type: p.counterparty_type,
      transaction_code: null,
      pending,
    };
  }
}
