/**
 * Plaid shapes -> BankHistory. The only place underwriting meets dollars: every amount is
 * converted to integer cents here (plaidAmountToCents), Plaid's sign is kept as is.
 * Structural types, so the bank module can pass the `plaid` client's objects without this
 * folder importing the client.
 */
import { IsoDate, assertIsoDate } from '../dates';
import { plaidAmountToCents } from '../money';
import type { BankAccount, BankHistory, BankTransaction } from './types';

export interface PlaidAccountLike {
  account_id: string;
  type: string;
  subtype?: string | null;
  balances: { available?: number | null; current?: number | null };
}

export interface PlaidTransactionLike {
  transaction_id: string;
  account_id: string;
  amount: number;
  date: string;
  name?: string | null;
  merchant_name?: string | null;
  personal_finance_category?: { primary: string; detailed?: string | null } | null;
  category?: string[] | null;
  pending: boolean;
}

export function accountFromPlaid(a: PlaidAccountLike): BankAccount {
  return {
    account_id: a.account_id,
    type: a.type,
    subtype: a.subtype ?? null,
    balances: {
      currentCents: a.balances.current === null || a.balances.current === undefined ? null : plaidAmountToCents(a.balances.current),
      availableCents: a.balances.available === null || a.balances.available === undefined ? null : plaidAmountToCents(a.balances.available),
    },
  };
}

export function transactionFromPlaid(t: PlaidTransactionLike): BankTransaction {
  assertIsoDate(t.date, `date of transaction ${t.transaction_id}`);
  return {
    transaction_id: t.transaction_id,
    account_id: t.account_id,
    amountCents: plaidAmountToCents(t.amount),
    date: t.date,
    name: t.name ?? t.merchant_name ?? '',
    merchant_name: t.merchant_name ?? null,
    personal_finance_category: t.personal_finance_category
      ? { primary: t.personal_finance_category.primary, detailed: t.personal_finance_category.detailed ?? null }
      : null,
    category: t.category ?? null,
    pending: t.pending,
  };
}

export function bankHistoryFromPlaid(input: {
  asOf: IsoDate;
  accounts: readonly PlaidAccountLike[];
  transactions: readonly PlaidTransactionLike[];
  primaryAccountId?: string | null;
}): BankHistory {
  assertIsoDate(input.asOf, 'asOf');
  return {
    asOf: input.asOf,
    accounts: input.accounts.map(accountFromPlaid),
    transactions: input.transactions.map(transactionFromPlaid),
    primaryAccountId: input.primaryAccountId ?? null,
  };
}
