/** Recurring money patterns scenarios are made of: payroll cadences, bills, everyday card spend. */
import type { History } from './history';
import { type Merchant, SPEND_MIX } from './merchants';
import type { Rng } from './rng';

export const WAGES: [string, string] = ['INCOME', 'INCOME_WAGES'];

/** How a payroll direct deposit reads on a statement (e.g. "GUSTO PAY 123456 PAYROLL DIR DEP"). */
export const payrollDescriptor = (employer: string): string => `${employer.toUpperCase()} PAYROLL DIR DEP`;

export interface PayrollOptions {
  employer: string; // e.g. "Northwind Logistics"
  netCents: number;
  /** Chance that a paycheck carries overtime, and its range in cents. */
  overtime?: { chance: number; min: number; max: number };
}

/** Every other Friday, the usual US cadence. Returns the days paid, for patterns that follow payday. */
export function biweeklyPayroll(h: History, rng: Rng, opts: PayrollOptions): number[] {
  const descriptor = payrollDescriptor(opts.employer);
  // The first Friday in the window, then optionally the next one: which week is "payweek" depends on the seed.
  let first = 0;
  while (h.weekdayOf(first) !== 5) first++;
  if (rng.chance(0.5)) first += 7;
  const paid: number[] = [];
  for (let day = first; day < h.days; day += 14) {
    let cents = opts.netCents;
    if (opts.overtime && rng.chance(opts.overtime.chance)) cents += rng.int(opts.overtime.min, opts.overtime.max);
    h.deposit(day, cents, descriptor, opts.employer, WAGES);
    paid.push(day);
  }
  return paid;
}

/** A bill on the same day each month (or the month's last day when shorter). */
export function monthly(h: History, rng: Rng, dayOfMonth: number, merchant: Merchant): void {
  for (let day = 0; day < h.days; day++) {
    const dom = h.dayOfMonth(day);
    const lastOfMonth = h.dayOfMonth(day + 1) === 1;
    if (dom === dayOfMonth || (lastOfMonth && dom < dayOfMonth)) h.spend(day, merchant, rng, { card: false });
  }
}

export interface SpendOptions {
  /** Mean number of card purchases on a weekday; weekends get 1.5x. */
  perDay: number;
  /** Multiplies every amount (a frugal or a heavy spender). */
  scale?: number;
}

/** Everyday card spending: groceries, dining, fuel, rides, shopping. */
export function cardSpending(h: History, rng: Rng, opts: SpendOptions): void {
  for (let day = 0; day < h.days; day++) {
    const wd = h.weekdayOf(day);
    const n = rng.poisson(wd === 0 || wd === 6 ? opts.perDay * 1.5 : opts.perDay);
    for (let i = 0; i < n; i++) {
      const merchant = rng.pick(rng.weighted(SPEND_MIX));
      const amount = Math.round(rng.int(merchant.min, merchant.max) * (opts.scale ?? 1));
      h.spend(day, merchant, rng, { amount });
    }
  }
}

export interface GigPlatform {
  descriptor: string;
  name: string;
  /** Chance of a payout on any given day (instant cash-outs happen whenever the worker chooses). */
  dailyChance: number;
  min: number;
  max: number;
}

/** Irregular gig income: several platforms, payouts on random days with widely varying amounts. */
export function gigPayouts(h: History, rng: Rng, platforms: GigPlatform[]): void {
  for (const p of platforms) {
    const stream = rng.fork(p.name);
    for (let day = 0; day < h.days; day++) {
      if (stream.chance(p.dailyChance)) h.deposit(day, stream.int(p.min, p.max), p.descriptor, p.name, ['INCOME', 'INCOME_OTHER_INCOME']);
    }
  }
}
