import { accountFromPlaid, bankHistoryFromPlaid, transactionFromPlaid } from './plaid-mapping';
import { underwrite } from './underwrite';

// Shapes as /accounts/get and /transactions/sync answer them (user_good's Plaid Checking).
const plaidChecking = {
  account_id: 'BxBXxLj1m4HMXBm9WZZmCWVbPjX16EHwv99vp',
  balances: { available: 100, current: 110, iso_currency_code: 'USD', limit: null, unofficial_currency_code: null },
  mask: '0000',
  name: 'Plaid Checking',
  official_name: 'Plaid Gold Standard 0% Interest Checking',
  subtype: 'checking',
  type: 'depository',
};

describe('Plaid mapping', () => {
  it('converts balances to cents', () => {
    expect(accountFromPlaid(plaidChecking)).toEqual({
      account_id: plaidChecking.account_id,
      type: 'depository',
      subtype: 'checking',
      balances: { currentCents: 11_000, availableCents: 10_000 },
    });
    expect(accountFromPlaid({ ...plaidChecking, subtype: undefined, balances: { available: null, current: 0.1 + 0.2 } }).balances).toEqual({
      currentCents: 30,
      availableCents: null,
    });
  });

  it('keeps Plaid sign and fields, converts the amount exactly', () => {
    const t = transactionFromPlaid({
      transaction_id: 'lPNjeW1nR6CDn5okmGQ6hEpMo4lLNoSrzqDje',
      account_id: plaidChecking.account_id,
      amount: -1234.56,
      date: '2025-06-13',
      name: 'ACME CORP PAYROLL',
      merchant_name: null,
      personal_finance_category: { primary: 'INCOME', detailed: 'INCOME_WAGES' },
      category: ['Transfer', 'Payroll'],
      pending: false,
    });
    expect(t).toMatchObject({ amountCents: -123_456, date: '2025-06-13', name: 'ACME CORP PAYROLL', pending: false });
    expect(t.personal_finance_category).toEqual({ primary: 'INCOME', detailed: 'INCOME_WAGES' });
  });

  it('refuses a bad date and uses the merchant name when the description is missing', () => {
    const base = { transaction_id: 't', account_id: 'a', amount: 1, pending: false };
    expect(() => transactionFromPlaid({ ...base, date: '2025-13-01' })).toThrow(RangeError);
    expect(transactionFromPlaid({ ...base, date: '2025-06-01', name: null, merchant_name: 'Uber' }).name).toBe('Uber');
  });

  it('builds a history underwriting can read end to end', () => {
    const paydays = ['2025-04-11', '2025-04-25', '2025-05-09', '2025-05-23', '2025-06-06', '2025-06-20'];
    const transactions = [
      ...paydays.map((date, i) => ({
        transaction_id: `p${i}`,
        account_id: plaidChecking.account_id,
        amount: -1650.0,
        date,
        name: 'ACME CORP PAYROLL PPD ID: 44',
        personal_finance_category: { primary: 'INCOME', detailed: 'INCOME_WAGES' },
        pending: false,
      })),
      ...Array.from({ length: 20 }, (_, i) => ({
        transaction_id: `s${i}`,
        account_id: plaidChecking.account_id,
        amount: 19.99,
        date: `2025-04-${String(i + 5).padStart(2, '0')}`,
        name: 'KROGER',
        pending: false,
      })),
    ];
    const history = bankHistoryFromPlaid({
      asOf: '2025-06-30',
      accounts: [{ ...plaidChecking, balances: { available: 2500.5, current: 2500.5 } }],
      transactions,
    });
    expect(history.transactions.filter((t) => t.name === 'KROGER').every((t) => t.amountCents === 1999)).toBe(true);
    const d = underwrite({ history });
    expect(d.income).toMatchObject({ cadence: 'biweekly', source: 'ACME CORP PAYROLL', amountCents: 165_000 });
    expect(d.nextPayday).toBe('2025-07-04');
  });
});
