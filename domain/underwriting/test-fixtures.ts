/**
 * Deterministic bank histories for tests, shaped like what Plaid (and our local sandbox's named
 * scenarios) return: a checking account, 90 days of posted transactions with Plaid's sign,
 * personal finance categories, one pending purchase on the last day.
 *
 * The generator walks forward day by day from an opening balance (income first, then spending,
 * then the bank's overdraft fee if the day ended below zero) and reports the final balance as
 * `current`, so the backwards reconstruction in ./balances.ts can be checked against the walk.
 * Randomness comes from a seeded PRNG: the same spec always gives the same history.
 *
 * Paydays are computed here independently of ../payday.ts on purpose: a bug there must not
 * be mirrored by the fixtures that test it.
 */
import { IsoDate, addDays, compareDates, dateParts, dayOfWeek, daysBetween, daysInMonth, makeDate } from '../dates';
import type { BankHistory, BankTransaction, IdentityMatch } from './types';

export const FIXTURE_AS_OF: IsoDate = '2025-06-30';
export const FIXTURE_ACCOUNT_ID = 'acc_checking_1';

export type FixtureCadence = 'weekly' | 'biweekly' | 'semimonthly' | 'monthly' | 'irregular';

export interface IncomeSpec {
  /** Bank description, with the noise banks add (IDs change every deposit: see `{n}`). */
  name: string;
  merchantName?: string | null;
  cadence: FixtureCadence;
  amountCents: number;
  /** Uniform +- jitter on each deposit. */
  jitterCents?: number;
  /** weekly / biweekly: one payday of the schedule. */
  anchor?: IsoDate;
  semimonthlyDays?: 'first_and_fifteenth' | 'fifteenth_and_last';
  monthlyDay?: number | 'last';
  /** irregular: chance of a deposit on any given day. */
  dailyChance?: number;
  /** No deposits after this date (a lost job). */
  stopsAfter?: IsoDate;
  /** Plaid category; default INCOME / INCOME_WAGES. */
  category?: { primary: string; detailed: string };
}

export interface BillSpec {
  name: string;
  amountCents: number;
  /** Day of month it is charged. */
  dayOfMonth: number;
  category?: { primary: string; detailed: string };
}

export interface OneOffSpec {
  date: IsoDate;
  name: string;
  /** Plaid sign: positive = money leaves. */
  amountCents: number;
  category?: { primary: string; detailed: string } | null;
}

export interface HistorySpec {
  asOf?: IsoDate;
  days?: number;
  seed?: number;
  openingBalanceCents: number;
  income?: IncomeSpec[];
  bills?: BillSpec[];
  /** Average discretionary spend per day (a few card purchases). */
  dailySpendCents?: number;
  oneOffs?: OneOffSpec[];
  /** Fee the bank charges when a day ends overdrawn after ending the previous one in credit; null = no fees. */
  overdraftFeeCents?: number | null;
  /** A pending purchase on asOf (excluded from history, reflected in `available`). */
  pendingCents?: number;
}

/** mulberry32: tiny, fast, good enough for test data, fully deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fridayOrEarlier(date: IsoDate): IsoDate {
  let d = date;
  while (dayOfWeek(d) === 0 || dayOfWeek(d) === 6) d = addDays(d, -1);
  return d;
}

function isPayday(spec: IncomeSpec, date: IsoDate): boolean {
  const { year, month } = dateParts(date);
  const last = daysInMonth(year, month);
  const paidOn = (day: number) => fridayOrEarlier(makeDate(year, month, Math.min(day, last)));
  // A 1st-of-month payday on a weekend is paid the Friday before, i.e. in the previous month.
  const nextMonthFirst = () => {
    const nm = month === 12 ? makeDate(year + 1, 1, 1) : makeDate(year, month + 1, 1);
    return fridayOrEarlier(nm);
  };
  switch (spec.cadence) {
    case 'weekly':
    case 'biweekly': {
      const period = spec.cadence === 'weekly' ? 7 : 14;
      const anchor = spec.anchor ?? FIXTURE_AS_OF;
      const diff = daysBetween(anchor, date);
      return ((diff % period) + period) % period === 0;
    }
    case 'semimonthly':
      return (spec.semimonthlyDays ?? 'fifteenth_and_last') === 'fifteenth_and_last'
        ? date === paidOn(15) || date === paidOn(last)
        : date === paidOn(1) || date === paidOn(15) || date === nextMonthFirst();
    case 'monthly':
      return date === paidOn(spec.monthlyDay === 'last' || spec.monthlyDay === undefined ? last : spec.monthlyDay);
    case 'irregular':
      return false;
  }
}

/** Builds the history described by `spec`. */
export function buildHistory(spec: HistorySpec): BankHistory {
  const asOf = spec.asOf ?? FIXTURE_AS_OF;
  const days = spec.days ?? 90;
  const rand = prng(spec.seed ?? 1);
  const start = addDays(asOf, -(days - 1));
  const transactions: BankTransaction[] = [];
  let n = 0;
  let balance = spec.openingBalanceCents;
  let overdrawn = balance < 0;
  const post = (date: IsoDate, name: string, amountCents: number, category: { primary: string; detailed: string } | null, merchant: string | null = null) => {
    n++;
    transactions.push({
      transaction_id: `tx_${spec.seed ?? 1}_${String(n).padStart(4, '0')}`,
      account_id: FIXTURE_ACCOUNT_ID,
      amountCents,
      date,
      name: name.replace('{n}', String(100000 + n * 7919).slice(-6)),
      merchant_name: merchant,
      personal_finance_category: category,
      category: null,
      pending: false,
    });
    balance -= amountCents;
  };

  for (let date = start; compareDates(date, asOf) <= 0; date = addDays(date, 1)) {
    for (const inc of spec.income ?? []) {
      if (inc.stopsAfter && compareDates(date, inc.stopsAfter) > 0) continue;
      const pays = inc.cadence === 'irregular' ? rand() < (inc.dailyChance ?? 0.4) : isPayday(inc, date);
      if (!pays) continue;
      const jitter = inc.jitterCents ? Math.round((rand() * 2 - 1) * inc.jitterCents) : 0;
      post(date, inc.name, -(inc.amountCents + jitter), inc.category ?? { primary: 'INCOME', detailed: 'INCOME_WAGES' }, inc.merchantName ?? null);
    }
    for (const o of spec.oneOffs ?? []) {
      if (o.date === date) post(date, o.name, o.amountCents, o.category === undefined ? { primary: 'GENERAL_MERCHANDISE', detailed: 'GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE' } : o.category);
    }
    for (const bill of spec.bills ?? []) {
      if (dateParts(date).day === bill.dayOfMonth) post(date, bill.name, bill.amountCents, bill.category ?? { primary: 'RENT_AND_UTILITIES', detailed: 'RENT_AND_UTILITIES_RENT' });
    }
    const daily = spec.dailySpendCents ?? 0;
    if (daily > 0) {
      const purchases = 1 + Math.floor(rand() * 3);
      for (let i = 0; i < purchases; i++) {
        const amount = Math.max(100, Math.round(((rand() * 2 * daily) / purchases) * 1));
        const shop = SHOPS[Math.floor(rand() * SHOPS.length)];
        post(date, shop.name, amount, shop.category, shop.name);
      }
    }
    // One fee when the account goes overdrawn (not every day it stays there).
    if (balance < 0 && !overdrawn && spec.overdraftFeeCents) {
      post(date, 'OVERDRAFT ITEM FEE', spec.overdraftFeeCents, { primary: 'BANK_FEES', detailed: 'BANK_FEES_OVERDRAFT_FEES' });
    }
    overdrawn = balance < 0;
  }

  const pending = spec.pendingCents ?? 0;
  if (pending > 0) {
    transactions.push({
      transaction_id: `tx_${spec.seed ?? 1}_pending`,
      account_id: FIXTURE_ACCOUNT_ID,
      amountCents: pending,
      date: asOf,
      name: 'STARBUCKS STORE 0412',
      merchant_name: 'Starbucks',
      personal_finance_category: { primary: 'FOOD_AND_DRINK', detailed: 'FOOD_AND_DRINK_COFFEE' },
      category: null,
      pending: true,
    });
  }

  return {
    asOf,
    accounts: [
      {
        account_id: FIXTURE_ACCOUNT_ID,
        type: 'depository',
        subtype: 'checking',
        balances: { currentCents: balance, availableCents: balance - pending },
      },
      // A savings account beside it, as most people have: must not be picked as primary.
      { account_id: 'acc_savings_1', type: 'depository', subtype: 'savings', balances: { currentCents: 25_000, availableCents: 25_000 } },
    ],
    transactions,
    primaryAccountId: null,
  };
}

const SHOPS = [
  { name: 'KROGER #123', category: { primary: 'FOOD_AND_DRINK', detailed: 'FOOD_AND_DRINK_GROCERIES' } },
  { name: 'SHELL OIL 5521', category: { primary: 'TRANSPORTATION', detailed: 'TRANSPORTATION_GAS' } },
  { name: 'AMAZON MKTPL', category: { primary: 'GENERAL_MERCHANDISE', detailed: 'GENERAL_MERCHANDISE_ONLINE_MARKETPLACES' } },
  { name: 'CHIPOTLE 0831', category: { primary: 'FOOD_AND_DRINK', detailed: 'FOOD_AND_DRINK_FAST_FOOD' } },
  { name: 'TARGET T-1123', category: { primary: 'GENERAL_MERCHANDISE', detailed: 'GENERAL_MERCHANDISE_SUPERSTORES' } },
];

const RENT: BillSpec = { name: 'OAKWOOD APTS RENT', amountCents: 120_000, dayOfMonth: 1 };
const PHONE: BillSpec = { name: 'VERIZON WIRELESS', amountCents: 8_500, dayOfMonth: 12, category: { primary: 'RENT_AND_UTILITIES', detailed: 'RENT_AND_UTILITIES_TELEPHONE' } };

/** Named scenarios, the ones a person can predict the answer for. */
export const scenarios = {
  /** ACME pays $1,650 every other Friday; modest spending; healthy balance. Expect: top tier. */
  steadyBiweekly: (): BankHistory =>
    buildHistory({
      seed: 11,
      openingBalanceCents: 120_000,
      income: [{ name: 'ACME CORP PAYROLL PPD ID: {n}', cadence: 'biweekly', anchor: '2025-06-27', amountCents: 165_000, jitterCents: 1_500 }],
      bills: [RENT, PHONE],
      dailySpendCents: 6_000,
      pendingCents: 645,
    }),

  /** GLOBEX pays $1,700 on the 15th and the last day (Friday before when on a weekend). */
  semimonthly: (): BankHistory =>
    buildHistory({
      seed: 12,
      openingBalanceCents: 100_000,
      income: [{ name: 'GLOBEX CORP DIR DEP {n}', cadence: 'semimonthly', semimonthlyDays: 'fifteenth_and_last', amountCents: 170_000 }],
      bills: [RENT, PHONE],
      dailySpendCents: 6_500,
    }),

  /** Paid on the 1st and the 15th. */
  semimonthlyFirstAndFifteenth: (): BankHistory =>
    buildHistory({
      seed: 13,
      openingBalanceCents: 180_000,
      income: [{ name: 'HOOLI PAYROLL {n}', cadence: 'semimonthly', semimonthlyDays: 'first_and_fifteenth', amountCents: 160_000 }],
      bills: [{ ...RENT, dayOfMonth: 3 }, PHONE],
      dailySpendCents: 5_000,
    }),

  /** A county employee paid $3,600 on the last business day of the month. */
  monthly: (): BankHistory =>
    buildHistory({
      seed: 14,
      openingBalanceCents: 250_000,
      income: [{ name: 'COUNTY OF SPRINGFIELD PAYROLL', cadence: 'monthly', monthlyDay: 'last', amountCents: 360_000 }],
      bills: [RENT, PHONE],
      dailySpendCents: 6_500,
    }),

  /** A warehouse worker paid $820 every Friday. */
  weekly: (): BankHistory =>
    buildHistory({
      seed: 15,
      openingBalanceCents: 60_000,
      income: [{ name: 'INITECH LOGISTICS PAYROLL {n}', cadence: 'weekly', anchor: '2025-06-27', amountCents: 82_000, jitterCents: 4_000 }],
      bills: [{ ...RENT, amountCents: 110_000 }, PHONE],
      dailySpendCents: 6_500,
    }),

  /** Drives for Uber and DoorDash: payouts on random days, uneven amounts. Expect: small limit, IRREGULAR_INCOME. */
  gigWorker: (): BankHistory =>
    buildHistory({
      seed: 16,
      openingBalanceCents: 60_000,
      income: [
        { name: 'UBER TECHNOLOGIES PAYOUT {n}', merchantName: 'Uber', cadence: 'irregular', dailyChance: 0.3, amountCents: 11_000, jitterCents: 7_000 },
        { name: 'DOORDASH DASHER {n}', merchantName: 'DoorDash', cadence: 'irregular', dailyChance: 0.2, amountCents: 8_000, jitterCents: 5_000 },
      ],
      bills: [{ ...RENT, amountCents: 70_000 }, PHONE],
      dailySpendCents: 2_000,
    }),

  /** Good biweekly pay, but spends to the edge: two overdrafts in 90 days. Expect: capped limit. */
  occasionalOverdrafter: (): BankHistory =>
    buildHistory({
      seed: 17,
      openingBalanceCents: 60_000,
      income: [{ name: 'ACME CORP PAYROLL PPD ID: {n}', cadence: 'biweekly', anchor: '2025-06-27', amountCents: 165_000, jitterCents: 1_500 }],
      bills: [RENT, PHONE],
      dailySpendCents: 6_000,
      oneOffs: [
        { date: '2025-04-24', name: 'MIDAS AUTO REPAIR', amountCents: 150_000 },
        { date: '2025-06-05', name: 'CITY HOSPITAL BILLING', amountCents: 140_000, category: { primary: 'MEDICAL', detailed: 'MEDICAL_OTHER_MEDICAL' } },
      ],
      overdraftFeeCents: 3_500,
    }),

  /** Paid biweekly but overdrawn before nearly every payday, with fees. Expect: decline FREQUENT_OVERDRAFTS. */
  chronicOverdrafter: (): BankHistory =>
    buildHistory({
      seed: 18,
      openingBalanceCents: 5_000,
      income: [{ name: 'ACME CORP PAYROLL PPD ID: {n}', cadence: 'biweekly', anchor: '2025-06-27', amountCents: 140_000, jitterCents: 1_500 }],
      bills: [RENT, PHONE],
      dailySpendCents: 7_000,
      overdraftFeeCents: 3_500,
    }),

  /** No paycheck: only transfers from savings and friends. Expect: decline NO_RECURRING_INCOME. */
  noIncome: (): BankHistory =>
    buildHistory({
      seed: 19,
      openingBalanceCents: 80_000,
      income: [
        {
          name: 'ONLINE TRANSFER FROM SAVINGS XXXX4411',
          cadence: 'biweekly',
          anchor: '2025-06-20',
          amountCents: 30_000,
          category: { primary: 'TRANSFER_IN', detailed: 'TRANSFER_IN_ACCOUNT_TRANSFER' },
        },
        {
          name: 'VENMO CASHOUT {n}',
          merchantName: 'Venmo',
          cadence: 'irregular',
          dailyChance: 0.08,
          amountCents: 4_000,
          jitterCents: 2_000,
          category: { primary: 'TRANSFER_IN', detailed: 'TRANSFER_IN_DEPOSIT' },
        },
      ],
      bills: [{ ...RENT, amountCents: 50_000 }],
      dailySpendCents: 1_500,
    }),

  /** Steady pay that stopped 45 days ago (job lost). Expect: decline NO_RECENT_INCOME. */
  lostJob: (): BankHistory =>
    buildHistory({
      seed: 20,
      openingBalanceCents: 150_000,
      income: [{ name: 'ACME CORP PAYROLL PPD ID: {n}', cadence: 'biweekly', anchor: '2025-06-27', amountCents: 165_000, stopsAfter: '2025-05-16' }],
      bills: [{ ...RENT, amountCents: 80_000 }],
      dailySpendCents: 4_000,
    }),

  /** Good pay, but the account has only 35 days of history. Expect: decline ACCOUNT_TOO_NEW. */
  newAccount: (): BankHistory =>
    buildHistory({
      seed: 21,
      days: 35,
      openingBalanceCents: 50_000,
      income: [{ name: 'ACME CORP PAYROLL PPD ID: {n}', cadence: 'biweekly', anchor: '2025-06-27', amountCents: 165_000 }],
      bills: [RENT],
      dailySpendCents: 5_000,
    }),

  /** Steady biweekly pay but low: $520 every other week (about $1,127 a month). Expect: lowest tier. */
  lowIncome: (): BankHistory =>
    buildHistory({
      seed: 22,
      openingBalanceCents: 20_000,
      income: [{ name: 'CORNER CAFE PAYROLL {n}', cadence: 'biweekly', anchor: '2025-06-20', amountCents: 52_000 }],
      bills: [{ ...RENT, amountCents: 45_000 }],
      dailySpendCents: 1_900,
    }),
};

export type ScenarioName = keyof typeof scenarios;

/** Identity results for the identity scenarios. */
export const identities = {
  matched: { nameMatch: 96, emailMatch: 100, phoneMatch: 88, addressMatch: null } satisfies IdentityMatch,
  /** The bank account belongs to someone else. */
  mismatch: { nameMatch: 12, emailMatch: false, phoneMatch: null, addressMatch: 30 } satisfies IdentityMatch,
};
