import { counterpartyOf, incomeKindOf, isIncomeCandidate, isLabeledIncome, isOtherCashAdvance, mentions, normalizeCounterparty } from './counterparty';
import { DEFAULT_UNDERWRITING_POLICY } from './policy';
import type { BankTransaction } from './types';

const policy = DEFAULT_UNDERWRITING_POLICY.income;
const deposit = (name: string, extra: Partial<BankTransaction> = {}): BankTransaction => ({
  transaction_id: 't',
  account_id: 'a',
  amountCents: -150_000,
  date: '2025-06-13',
  name,
  pending: false,
  ...extra,
});

describe('normalizeCounterparty', () => {
  it.each([
    ['ACME CORP PAYROLL PPD ID: 123456', 'ACME CORP PAYROLL'],
    ['Acme Corp. Payroll PPD ID: 998877', 'ACME CORP PAYROLL'],
    ['ACME CORP DIR DEP 06/13', 'ACME CORP'],
    ['GLOBEX CORP DES:PAYROLL ID:0042 INDN:JANE DOE CO ID:1234', 'GLOBEX CORP PAYROLL JANE'],
    ['UBER TECHNOLOGIES PAYOUT 884411', 'UBER TECHNOLOGIES PAYOUT'],
    ['12345 6789', 'UNKNOWN'],
    ['', 'UNKNOWN'],
  ])('%p -> %p', (raw, key) => {
    expect(normalizeCounterparty(raw)).toBe(key);
  });

  it('prefers the merchant name', () => {
    expect(counterpartyOf({ name: 'UBER 063025 PAYOUT', merchant_name: 'Uber' })).toBe('UBER');
    expect(counterpartyOf({ name: 'UBER 063025 PAYOUT', merchant_name: '  ' })).toBe('UBER PAYOUT');
  });

  it('matches whole words only', () => {
    expect(mentions('DAVE', 'DAVE')).toBe(true);
    expect(mentions('DAVENPORT PAYROLL', 'DAVE')).toBe(false);
    expect(mentions('AMAZON FLEX PAYOUT', 'amazon flex')).toBe(true);
  });
});

describe('isIncomeCandidate', () => {
  it('accepts paychecks and gig payouts', () => {
    expect(isIncomeCandidate(deposit('ACME CORP PAYROLL', { personal_finance_category: { primary: 'INCOME', detailed: 'INCOME_WAGES' } }), policy)).toBe(true);
    expect(isIncomeCandidate(deposit('UBER PAYOUT', { personal_finance_category: { primary: 'TRANSFER_IN', detailed: 'TRANSFER_IN_DEPOSIT' } }), policy)).toBe(true);
    expect(isIncomeCandidate(deposit('SOMETHING'), policy)).toBe(true);
  });

  it.each<[string, Partial<BankTransaction>]>([
    ['money leaving', { amountCents: 5_000 }],
    ['pending', { pending: true }],
    ['below the minimum deposit', { amountCents: -1_999 }],
    ['our own advance', { name: 'TIMELY ADVANCE 8812' }],
    ['another app advance', { name: 'EARNIN TRANSFER' }],
    ['a loan', { name: 'SPEEDY LOAN FUNDING' }],
    ['own savings', { name: 'ONLINE TRANSFER FROM SAVINGS', personal_finance_category: { primary: 'TRANSFER_IN', detailed: 'TRANSFER_IN_ACCOUNT_TRANSFER' } }],
    ['cash advance category', { name: 'X', personal_finance_category: { primary: 'TRANSFER_IN', detailed: 'TRANSFER_IN_CASH_ADVANCES_AND_LOANS' } }],
    ['a refund', { name: 'AMAZON REFUND', personal_finance_category: { primary: 'GENERAL_MERCHANDISE', detailed: 'GENERAL_MERCHANDISE_ONLINE_MARKETPLACES' } }],
    ['legacy internal transfer', { name: 'X', category: ['Transfer', 'Internal Account Transfer'] }],
  ])('rejects %s', (_label, extra) => {
    expect(isIncomeCandidate(deposit('ACME CORP PAYROLL', extra), policy)).toBe(false);
  });
});

describe('isOtherCashAdvance', () => {
  it('spots advances from other apps and lenders, not ours', () => {
    expect(isOtherCashAdvance(deposit('EARNIN ACTIVEHOURS', { amountCents: -10_000 }), policy)).toBe(true);
    expect(isOtherCashAdvance(deposit('X', { personal_finance_category: { primary: 'TRANSFER_IN', detailed: 'TRANSFER_IN_CASH_ADVANCES_AND_LOANS' } }), policy)).toBe(true);
    expect(isOtherCashAdvance(deposit('TIMELY ADVANCE', { personal_finance_category: { primary: 'TRANSFER_IN', detailed: 'TRANSFER_IN_CASH_ADVANCES_AND_LOANS' } }), policy)).toBe(false);
    expect(isOtherCashAdvance(deposit('EARNIN ACTIVEHOURS REPAY', { amountCents: 10_500 }), policy)).toBe(false);
    expect(isOtherCashAdvance(deposit('EARNIN ACTIVEHOURS', { pending: true }), policy)).toBe(false);
    expect(isOtherCashAdvance(deposit('ACME CORP PAYROLL'), policy)).toBe(false);
  });
});

describe('labels and kinds', () => {
  it('labels by category, legacy category, words, or gig platform', () => {
    expect(isLabeledIncome(deposit('X', { personal_finance_category: { primary: 'INCOME', detailed: 'INCOME_OTHER_INCOME' } }), policy)).toBe(true);
    expect(isLabeledIncome(deposit('X', { category: ['Transfer', 'Payroll'] }), policy)).toBe(true);
    expect(isLabeledIncome(deposit('ACME DIR DEP'), policy)).toBe(true);
    expect(isLabeledIncome(deposit('DOORDASH 1234'), policy)).toBe(true);
    expect(isLabeledIncome(deposit('ZELLE FROM JOHN'), policy)).toBe(false);
  });

  it('kinds', () => {
    expect(incomeKindOf(deposit('LYFT DRIVER PAYOUT'), policy)).toBe('gig');
    expect(incomeKindOf(deposit('SSA TREAS 310 XXSOC SEC'), policy)).toBe('benefits');
    expect(incomeKindOf(deposit('X', { personal_finance_category: { primary: 'INCOME', detailed: 'INCOME_UNEMPLOYMENT' } }), policy)).toBe('benefits');
    expect(incomeKindOf(deposit('ACME CORP PAYROLL'), policy)).toBe('payroll');
    expect(incomeKindOf(deposit('X', { personal_finance_category: { primary: 'INCOME', detailed: 'INCOME_WAGES' } }), policy)).toBe('payroll');
    expect(incomeKindOf(deposit('MOM'), policy)).toBe('other');
  });
});
