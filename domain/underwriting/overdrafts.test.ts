import { addDays } from '../dates';
import { feeKindOf, overdraftFeatures } from './overdrafts';
import type { BankTransaction } from './types';

const fee = (name: string, extra: Partial<BankTransaction> = {}): BankTransaction => ({
  transaction_id: name,
  account_id: 'a',
  amountCents: 3_500,
  date: '2025-06-10',
  name,
  pending: false,
  ...extra,
});

describe('feeKindOf', () => {
  it.each<[string, Partial<BankTransaction>, ReturnType<typeof feeKindOf>]>([
    ['OVERDRAFT FEE', {}, 'overdraft'],
    ['OVERDRAFT ITEM FEE', {}, 'overdraft'],
    ['OD FEE 06/10', {}, 'overdraft'],
    ['NSF FEE', {}, 'nsf'],
    ['NON-SUFFICIENT FUNDS FEE', {}, 'nsf'],
    ['RETURNED ITEM FEE - INSUFFICIENT FUNDS', {}, 'nsf'],
    ['SERVICE CHARGE', { personal_finance_category: { primary: 'BANK_FEES', detailed: 'BANK_FEES_OVERDRAFT_FEES' } }, 'overdraft'],
    ['SERVICE CHARGE', { personal_finance_category: { primary: 'BANK_FEES', detailed: 'BANK_FEES_INSUFFICIENT_FUNDS' } }, 'nsf'],
    ['SERVICE CHARGE', { category: ['Bank Fees', 'Overdraft'] }, 'overdraft'],
    ['SERVICE CHARGE', { category: ['Bank Fees', 'Insufficient Funds'] }, 'nsf'],
    ['ATM FEE', { personal_finance_category: { primary: 'BANK_FEES', detailed: 'BANK_FEES_ATM_FEES' } }, null],
    ['MONTHLY MAINTENANCE FEE', { personal_finance_category: { primary: 'BANK_FEES', detailed: 'BANK_FEES_OTHER_BANK_FEES' } }, null],
    ['OVERDRAFT FEE REFUND', { amountCents: -3_500 }, null],
    ['NETFLIX', {}, null],
  ])('%s %j -> %p', (name, extra, kind) => {
    expect(feeKindOf(fee(name, extra))).toBe(kind);
  });
});

describe('overdraftFeatures', () => {
  const asOf = '2025-06-30';
  const series = (values: number[]) => values.map((balanceCents, i) => ({ date: addDays(asOf, i - values.length + 1), balanceCents }));

  it('counts negative days and episodes, and combines them with fees without double counting', () => {
    const balances = series([100, -5, -10, 50, -1, 20, 0, 30]);
    const txs = [fee('OVERDRAFT FEE', { date: addDays(asOf, -6) }), fee('NSF FEE', { date: addDays(asOf, -2) })];
    const f = overdraftFeatures(balances, txs, asOf, 90);
    expect(f).toEqual({ negativeBalanceDays: 3, negativeBalanceEpisodes: 2, overdraftFeeCount: 1, nsfFeeCount: 1, incidents: 3 });
  });

  it('uses fees when the balance never showed negative (bank declined instead of overdrawing)', () => {
    const txs = [fee('NSF FEE', { date: '2025-06-01' }), fee('NSF FEE', { date: '2025-06-15' })];
    expect(overdraftFeatures(series([10, 10]), txs, asOf, 90).incidents).toBe(2);
  });

  it('ignores evidence outside the window', () => {
    const txs = [fee('OVERDRAFT FEE', { date: '2025-01-01' }), fee('OVERDRAFT FEE', { date: '2025-07-02' })];
    const balances = [{ date: '2025-01-01', balanceCents: -100 }, ...series([5])];
    expect(overdraftFeatures(balances, txs, asOf, 90)).toEqual({
      negativeBalanceDays: 0,
      negativeBalanceEpisodes: 0,
      overdraftFeeCount: 0,
      nsfFeeCount: 0,
      incidents: 0,
    });
  });
});
