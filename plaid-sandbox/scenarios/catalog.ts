/**
 * The sandbox users. `user_good` is Plaid's own test user; the others are Timely's scenarios,
 * each a deterministic 90-day history generated from a seed (default: the username), so the same
 * seed and the same creation date always produce the same data.
 *
 * Amounts follow Plaid's sign convention: positive when money leaves the account, negative for
 * payroll and other deposits.
 */
import { History } from './history';
import { generatedOwner, PLAID_SANDBOX_OWNER } from './identity';
import { bill, BNPL, CAR_INSURANCE, CAR_LOAN, FUEL, GYM, INTERNET, MAINTENANCE_FEE, NETFLIX, PHONE, POWER, rent, SPOTIFY, ATM_FEE, ATM_WITHDRAWAL, VENMO_OUT } from './merchants';
import { biweeklyPayroll, cardSpending, gigPayouts, monthly } from './patterns';
import { Rng } from './rng';
import type { GeneratedAccount, GeneratedItem, GeneratedTransaction } from './types';

export const HISTORY_DAYS = 90;

export interface Scenario {
  username: string;
  /** One line for the README and GET /__sandbox/scenarios. */
  shows: string;
  /** A few words for the Link UI's list of test users. */
  summary: string;
  /** The Item's login has expired: data calls fail with ITEM_LOGIN_REQUIRED. */
  loginRequired?: boolean;
  generate(seed: string, anchor: string): GeneratedItem;
}

function checking(name: string, mask: string, built: { transactions: GeneratedTransaction[]; current_cents: number; available_cents: number }): GeneratedAccount {
  return {
    name,
    official_name: 'Plaid Gold Standard 0% Interest Checking',
    mask,
    type: 'depository',
    subtype: 'checking',
    current_cents: built.current_cents,
    available_cents: built.available_cents,
    limit_cents: null,
    transactions: built.transactions,
  };
}

const mask = (rng: Rng) => String(rng.int(0, 9999)).padStart(4, '0');

/** Plaid's user_good: Plaid Checking (available 100, current 110) and Plaid Saving (available 200, current 210). */
function userGood(seed: string, anchor: string): GeneratedItem {
  const rng = new Rng(`user_good:${seed}`);
  const plan = (h: History) => {
    const r = rng.fork('plan');
    biweeklyPayroll(h, r.fork('payroll'), { employer: 'Gusto Pay 123456', netCents: 108540 });
    monthly(h, r, 1, rent('Platypus Property Management', 95000));
    monthly(h, r.fork('phone'), 18, PHONE);
    monthly(h, r.fork('netflix'), 9, NETFLIX);
    cardSpending(h, r.fork('cards'), { perDay: 1.5, scale: 0.95 });
  };
  // Find the opening balance that lands on Plaid's documented current balance of $110.
  const probe = new History(anchor, HISTORY_DAYS);
  plan(probe);
  const drift = probe.build({ openingCents: 0, pendingDays: 0 }, rng.fork('post')).current_cents;
  const h = new History(anchor, HISTORY_DAYS);
  plan(h);
  const built = h.build({ openingCents: 11000 - drift, pendingDays: 0 }, rng.fork('post'));
  // One pending $10 card purchase makes available $100 under current $110, as at Plaid.
  built.transactions.push({
    date: anchor,
    authorized_date: anchor,
    amount_cents: 1000,
    name: 'UBER *TRIP HELP.UBER.COM',
    merchant_name: 'Uber',
    payment_channel: 'online',
    pfc_primary: 'TRANSPORTATION',
    pfc_detailed: 'TRANSPORTATION_TAXIS_AND_RIDE_SHARES',
    counterparty_type: 'merchant',
    transaction_code: null,
    pending: true,
  });
  const saving = new History(anchor, HISTORY_DAYS);
  for (let day = 0; day < HISTORY_DAYS; day++)
    if (saving.dayOfMonth(day) === 1) saving.deposit(day, 2, 'INTRST PYMNT', null, ['INCOME', 'INCOME_INTEREST_EARNED'], 'financial_institution');
  const savingBuilt = saving.build({ openingCents: 21000 }, rng.fork('saving'));
  return {
    accounts: [
      { ...checking('Plaid Checking', '0000', built), current_cents: 11000, available_cents: 10000 },
      {
        name: 'Plaid Saving',
        official_name: 'Plaid Silver Standard 0.1% Interest Saving',
        mask: '1111',
        type: 'depository',
        subtype: 'savings',
        current_cents: 21000,
        available_cents: 20000,
        limit_cents: null,
        transactions: savingBuilt.transactions,
      },
    ],
    owners: [PLAID_SANDBOX_OWNER],
  };
}

/** A salaried worker paid every other Friday, paying rent, bills and saving a little each payday. */
function steadyBiweekly(username: string, seed: string, anchor: string): GeneratedItem {
  const rng = new Rng(`${username}:${seed}`);
  const h = new History(anchor, HISTORY_DAYS);
  const employer = rng.pick(['Northwind Logistics', 'Brightline Health', 'Summit Retail Group', 'Cobalt Manufacturing']);
  const paydays = biweeklyPayroll(h, rng.fork('payroll'), {
    employer,
    netCents: rng.int(1650, 2150) * 100 + rng.int(0, 99),
    overtime: { chance: 0.2, min: 6000, max: 24000 },
  });
  monthly(h, rng, 1, rent(rng.pick(['Maple Ridge Apartments', 'Parkside Commons', 'Willow Creek Residences']), rng.int(1200, 1500) * 100));
  const bills = rng.fork('bills');
  for (const b of [bill(5, CAR_INSURANCE), bill(9, NETFLIX), bill(12, POWER), bill(14, SPOTIFY), bill(18, PHONE), bill(20, GYM), bill(22, INTERNET)])
    monthly(h, bills, b.dayOfMonth, b);
  cardSpending(h, rng.fork('cards'), { perDay: 1.5, scale: 0.75 });
  const savings = new History(anchor, HISTORY_DAYS);
  for (const day of paydays) {
    if (day + 1 >= HISTORY_DAYS) continue;
    h.debit(day + 1, 15000, 'ONLINE TRANSFER TO SAV XXXXXX1111', null, ['TRANSFER_OUT', 'TRANSFER_OUT_SAVINGS']);
    savings.deposit(day + 1, 15000, 'ONLINE TRANSFER FROM CHK XXXXXX0000', null, ['TRANSFER_IN', 'TRANSFER_IN_ACCOUNT_TRANSFER'], 'financial_institution');
  }
  const built = h.build({ openingCents: rng.int(2200, 2900) * 100, overdraftFees: true }, rng.fork('post'));
  const savingsBuilt = savings.build({ openingCents: rng.int(1500, 4000) * 100 }, rng.fork('savings'));
  return {
    accounts: [
      checking('Plaid Checking', mask(rng.fork('mask')), built),
      { ...checking('Plaid Saving', mask(rng.fork('mask2')), savingsBuilt), official_name: 'Plaid Silver Standard 0.1% Interest Saving', subtype: 'savings' },
    ],
    owners: [generatedOwner(rng.fork('identity'))],
  };
}

/** A rideshare / delivery worker: several platforms pay out on irregular days and amounts. */
function gigIrregular(seed: string, anchor: string): GeneratedItem {
  const rng = new Rng(`user_gig_irregular:${seed}`);
  const h = new History(anchor, HISTORY_DAYS);
  gigPayouts(h, rng.fork('gigs'), [
    { descriptor: 'UBER USA 6787 DRIVER PAYOUT', name: 'Uber', dailyChance: 0.3, min: 4500, max: 24000 },
    { descriptor: 'DOORDASH DASHER PAYMENT', name: 'DoorDash', dailyChance: 0.2, min: 3000, max: 18000 },
    { descriptor: 'INSTACART SHOPPER PAY', name: 'Instacart', dailyChance: 0.08, min: 6000, max: 31000 },
  ]);
  monthly(h, rng, 3, rent(rng.pick(['Eastgate Apartments', 'Riverside Flats']), rng.int(780, 920) * 100));
  monthly(h, rng.fork('phone'), 18, PHONE);
  monthly(h, rng.fork('spotify'), 14, SPOTIFY);
  const fuel = rng.fork('fuel');
  for (let day = 0; day < HISTORY_DAYS; day++) if (fuel.chance(1.5 / 7)) h.spend(day, fuel.pick(FUEL), fuel);
  const atm = rng.fork('atm');
  for (let day = 0; day < HISTORY_DAYS; day++)
    if (atm.chance(0.04)) {
      h.spend(day, ATM_WITHDRAWAL, atm, { card: false, amount: atm.int(2, 8) * 1000 });
      h.spend(day, ATM_FEE, atm, { card: false });
    }
  cardSpending(h, rng.fork('cards'), { perDay: 0.9, scale: 0.55 });
  const built = h.build({ openingCents: rng.int(700, 1000) * 100, overdraftFees: true }, rng.fork('post'));
  return { accounts: [checking('Plaid Checking', mask(rng.fork('mask')), built)], owners: [generatedOwner(rng.fork('identity'))] };
}

/** Low pay against fixed costs: the balance dips below zero before most paydays and fees pile up. */
function overdrafts(seed: string, anchor: string): GeneratedItem {
  const rng = new Rng(`user_overdrafts:${seed}`);
  const h = new History(anchor, HISTORY_DAYS);
  const paydays = biweeklyPayroll(h, rng.fork('payroll'), { employer: 'Sunrise Senior Care', netCents: 104540 });
  monthly(h, rng, 1, rent('Cedar Court Apartments', 87500));
  monthly(h, rng.fork('car'), 15, CAR_LOAN);
  monthly(h, rng.fork('phone'), 18, PHONE);
  monthly(h, rng.fork('power'), 12, POWER);
  // Buy-now-pay-later instalments and an earned-wage advance app that takes its money back on payday.
  for (const day of paydays) {
    if (day + 3 < HISTORY_DAYS) h.spend(day + 3, BNPL, rng, { card: false });
    if (day - 2 >= 0) h.deposit(day - 2, 10000, 'EARNIN ACTIVEHOURS', 'EarnIn', ['TRANSFER_IN', 'TRANSFER_IN_CASH_ADVANCES_AND_LOANS'], 'financial_institution');
    h.debit(day, 10500, 'EARNIN ACTIVEHOURS REPAY', 'EarnIn', ['LOAN_PAYMENTS', 'LOAN_PAYMENTS_OTHER_PAYMENT']);
  }
  const venmo = rng.fork('venmo');
  for (let day = 0; day < HISTORY_DAYS; day++) if (venmo.chance(0.05)) h.spend(day, VENMO_OUT, venmo, { card: false });
  cardSpending(h, rng.fork('cards'), { perDay: 0.8, scale: 0.55 });
  const built = h.build({ openingCents: rng.int(80, 200) * 100, overdraftFees: true }, rng.fork('post'));
  return { accounts: [checking('Plaid Checking', mask(rng.fork('mask')), built)], owners: [generatedOwner(rng.fork('identity'))] };
}

/** Living off savings: no deposits of any kind, only spending and fees, the balance drains. */
function noIncome(seed: string, anchor: string): GeneratedItem {
  const rng = new Rng(`user_no_income:${seed}`);
  const h = new History(anchor, HISTORY_DAYS);
  monthly(h, rng.fork('phone'), 18, PHONE);
  monthly(h, rng.fork('netflix'), 9, NETFLIX);
  monthly(h, rng.fork('fee'), 28, MAINTENANCE_FEE);
  const atm = rng.fork('atm');
  for (let day = 0; day < HISTORY_DAYS; day++) if (atm.chance(0.05)) h.spend(day, ATM_WITHDRAWAL, atm, { card: false, amount: atm.int(2, 6) * 1000 });
  cardSpending(h, rng.fork('cards'), { perDay: 1.0, scale: 0.6 });
  const built = h.build({ openingCents: rng.int(2600, 3200) * 100, overdraftFees: true }, rng.fork('post'));
  return { accounts: [checking('Plaid Checking', mask(rng.fork('mask')), built)], owners: [generatedOwner(rng.fork('identity'))] };
}

export const SCENARIOS: Record<string, Scenario> = {
  user_good: {
    username: 'user_good',
    summary: "Plaid's default user: checking and savings, modest biweekly pay",
    shows: "Plaid's default sandbox user: Plaid Checking (available $100, current $110) and Plaid Saving (available $200, current $210), modest biweekly pay and spending.",
    generate: userGood,
  },
  user_steady_biweekly: {
    username: 'user_steady_biweekly',
    summary: 'Salaried, paid every other Friday',
    shows: 'Salaried, paid every other Friday (same net amount, occasional overtime); rent on the 1st, monthly bills, card spend, $150 to savings after each payday; never overdrawn.',
    generate: (seed, anchor) => steadyBiweekly('user_steady_biweekly', seed, anchor),
  },
  user_gig_irregular: {
    username: 'user_gig_irregular',
    summary: 'Gig worker: irregular payouts of varying size',
    shows: 'Gig worker: Uber, DoorDash and Instacart payouts on irregular days with widely varying amounts; rent on the 3rd, fuel, ATM cash with fees.',
    generate: gigIrregular,
  },
  user_overdrafts: {
    username: 'user_overdrafts',
    summary: 'Low pay, repeated overdrafts and fees',
    shows: 'Low biweekly pay against rent, a car loan and bills; earned-wage advances and BNPL; the balance goes negative repeatedly with $35 overdraft fees.',
    generate: overdrafts,
  },
  user_no_income: {
    username: 'user_no_income',
    summary: 'No income at all in 90 days',
    shows: 'No deposits at all for 90 days: spending, ATM withdrawals and a monthly maintenance fee drain the balance.',
    generate: noIncome,
  },
  user_login_expired: {
    username: 'user_login_expired',
    summary: 'Steady earner whose bank login has expired',
    shows: 'A steady biweekly earner whose login has expired: data calls fail with ITEM_LOGIN_REQUIRED (item/get shows the error, transfers need user action) until repaired.',
    loginRequired: true,
    generate: (seed, anchor) => steadyBiweekly('user_login_expired', seed, anchor),
  },
};

export function findScenario(username: string): Scenario | undefined {
  return Object.prototype.hasOwnProperty.call(SCENARIOS, username) ? SCENARIOS[username] : undefined;
}
