import { addDays, compareDates } from '../dates';
import { averageDailyBalance, minimumDailyBalance, postedTransactions, primaryAccount, reconstructDailyBalances, startingBalance } from './balances';
import { FIXTURE_ACCOUNT_ID, FIXTURE_AS_OF, buildHistory } from './test-fixtures';
import type { BankAccount, BankHistory, BankTransaction } from './types';

const tx = (id: string, date: string, amountCents: number, extra: Partial<BankTransaction> = {}): BankTransaction => ({
  transaction_id: id,
  account_id: 'a1',
  amountCents,
  date,
  name: id,
  pending: false,
  ...extra,
});

describe('reconstructDailyBalances', () => {
  it('walks back from the current balance (Plaid sign: purchases positive, deposits negative)', () => {
    const txs = [tx('pay', '2025-06-02', -100_000), tx('rent', '2025-06-03', 80_000), tx('coffee', '2025-06-05', 500)];
    // Opening 10_000 before 06-02 -> 110_000 -> 30_000 -> 30_000 -> 29_500.
    const balances = reconstructDailyBalances(29_500, txs, '2025-06-05', 90);
    expect(balances).toEqual([
      { date: '2025-06-02', balanceCents: 110_000 },
      { date: '2025-06-03', balanceCents: 30_000 },
      { date: '2025-06-04', balanceCents: 30_000 },
      { date: '2025-06-05', balanceCents: 29_500 },
    ]);
  });

  it('matches the forward walk of a generated 90-day history exactly', () => {
    const opening = 120_000;
    const history = buildHistory({
      seed: 5,
      openingBalanceCents: opening,
      income: [{ name: 'ACME PAYROLL', cadence: 'biweekly', anchor: '2025-06-27', amountCents: 150_000 }],
      dailySpendCents: 5_000,
      pendingCents: 999,
    });
    const posted = postedTransactions(history.transactions, FIXTURE_ACCOUNT_ID, FIXTURE_AS_OF);
    const account = history.accounts[0];
    const balances = reconstructDailyBalances(startingBalance(account)!, posted, FIXTURE_AS_OF, 90);
    expect(balances).toHaveLength(90);
    let running = opening;
    for (const day of balances) {
      for (const t of posted) if (t.date === day.date) running -= t.amountCents;
      expect(day.balanceCents).toBe(running);
    }
  });

  it('starts at the oldest transaction, not before (the balance there is unknown)', () => {
    const balances = reconstructDailyBalances(0, [tx('x', '2025-06-01', 100)], '2025-06-10', 90);
    expect(balances[0].date).toBe('2025-06-01');
    expect(balances).toHaveLength(10);
  });

  it('ignores transactions dated after asOf and returns nothing without transactions', () => {
    const balances = reconstructDailyBalances(1_000, [tx('a', '2025-06-01', 100), tx('future', '2025-07-01', 5_000)], '2025-06-02', 90);
    expect(balances).toEqual([
      { date: '2025-06-01', balanceCents: 1_000 },
      { date: '2025-06-02', balanceCents: 1_000 },
    ]);
    expect(reconstructDailyBalances(1_000, [], '2025-06-02', 90)).toEqual([]);
  });

  it('refuses float amounts', () => {
    expect(() => reconstructDailyBalances(1_000, [tx('f', '2025-06-01', 10.5)], '2025-06-02', 90)).toThrow(RangeError);
  });
});

describe('averages', () => {
  const balances = Array.from({ length: 90 }, (_, i) => ({ date: addDays('2025-04-02', i), balanceCents: i < 60 ? 0 : 3_000 }));

  it('averages the last N days, rounded to a cent', () => {
    expect(averageDailyBalance(balances, '2025-06-30', 30)).toBe(3_000);
    expect(averageDailyBalance(balances, '2025-06-30', 90)).toBe(1_000);
    expect(averageDailyBalance([{ date: '2025-06-30', balanceCents: 1 }, { date: '2025-06-29', balanceCents: 0 }], '2025-06-30', 30)).toBe(1);
    expect(averageDailyBalance([], '2025-06-30', 30)).toBeNull();
  });

  it('minimumDailyBalance', () => {
    expect(minimumDailyBalance(balances)).toBe(0);
    expect(minimumDailyBalance([])).toBeNull();
  });
});

describe('primaryAccount / startingBalance / postedTransactions', () => {
  const account = (id: string, type: string, subtype: string | null): BankAccount => ({
    account_id: id,
    type,
    subtype,
    balances: { currentCents: 100, availableCents: 90 },
  });
  const history = (accounts: BankAccount[], primaryAccountId?: string): BankHistory => ({ asOf: '2025-06-30', accounts, transactions: [], primaryAccountId });

  it('prefers the named account, then checking, then any depository', () => {
    const accounts = [account('card', 'credit', 'credit card'), account('sav', 'depository', 'savings'), account('chk', 'depository', 'checking')];
    expect(primaryAccount(history(accounts))?.account_id).toBe('chk');
    expect(primaryAccount(history(accounts, 'sav'))?.account_id).toBe('sav');
    expect(primaryAccount(history(accounts.slice(0, 2)))?.account_id).toBe('sav');
    expect(primaryAccount(history(accounts.slice(0, 1)))).toBeNull();
    expect(primaryAccount(history(accounts, 'nope'))).toBeNull();
  });

  it('starts from current, else available', () => {
    expect(startingBalance(account('a', 'depository', 'checking'))).toBe(100);
    expect(startingBalance({ ...account('a', 'depository', 'checking'), balances: { currentCents: null, availableCents: 90 } })).toBe(90);
    expect(startingBalance({ ...account('a', 'depository', 'checking'), balances: { currentCents: null, availableCents: null } })).toBeNull();
  });

  it('keeps posted transactions of the account up to asOf, oldest first', () => {
    const txs = [
      tx('b', '2025-06-02', 1),
      tx('a', '2025-06-01', 1),
      tx('p', '2025-06-01', 1, { pending: true }),
      tx('other', '2025-06-01', 1, { account_id: 'a2' }),
      tx('late', '2025-07-01', 1),
    ];
    expect(postedTransactions(txs, 'a1', '2025-06-30').map((t) => t.transaction_id)).toEqual(['a', 'b']);
    expect(compareDates('2025-06-01', '2025-06-02')).toBeLessThan(0);
  });
});
