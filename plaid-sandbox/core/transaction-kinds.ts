/**
 * Kinds a tester can give a transaction added by control (`kind: "payroll"`), so one field books
 * what the scenario generator books for that kind, with the categories Timely reads. Without a
 * kind, a deposit is categorised TRANSFER_IN (Timely does not count it as income) and a debit
 * GENERAL_MERCHANDISE.
 */
import { plaidError } from '../http/plaid-error';
import { payrollDescriptor, WAGES } from '../scenarios/patterns';
import type { Db } from '../store/db';
import { latestWageDeposit } from '../store/transactions';
import type { Entry } from './bank-ledger';

export const TRANSACTION_KINDS = ['payroll'] as const;
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];

/** Used when the account has no payroll yet. */
export const DEFAULT_EMPLOYER = 'Acme Corp';

export interface ControlTransaction {
  amount_cents: number;
  name?: string;
  merchant_name?: string | null;
  kind?: TransactionKind;
  personal_finance_category?: { primary: string; detailed: string };
}

type Classified = Pick<Entry, 'amount_cents' | 'name' | 'merchant_name' | 'pfc_primary' | 'pfc_detailed' | 'counterparty_type' | 'payment_channel'>;

/**
 * Payroll is money in whatever sign the tester wrote (Plaid's sign: negative), INCOME/INCOME_WAGES,
 * from an income source, named like the account's existing pay (so it joins that pay stream) or
 * like a direct deposit from DEFAULT_EMPLOYER.
 */
async function payroll(db: Db, accountId: string, t: ControlTransaction): Promise<Classified> {
  if (t.personal_finance_category) throw plaidError('INVALID_FIELD', 'give either kind or personal_finance_category, not both');
  const existing = t.name === undefined ? await latestWageDeposit(db, accountId) : undefined;
  const employer = t.merchant_name ?? existing?.merchant_name ?? (existing ? null : DEFAULT_EMPLOYER);
  return {
    amount_cents: -Math.abs(t.amount_cents),
    name: t.name ?? existing?.name ?? payrollDescriptor(DEFAULT_EMPLOYER),
    merchant_name: employer,
    pfc_primary: WAGES[0],
    pfc_detailed: WAGES[1],
    counterparty_type: 'income_source',
    payment_channel: 'other',
  };
}

/** What a control's transaction books as: its kind's conventions, else the categories given or the defaults. */
export async function classify(db: Db, accountId: string, t: ControlTransaction): Promise<Classified> {
  if (t.kind === 'payroll') return payroll(db, accountId, t);
  if (t.name === undefined) throw plaidError('MISSING_FIELDS', 'the following required fields are missing: transactions[].name (or give a kind)');
  const deposit = t.amount_cents < 0;
  return {
    amount_cents: t.amount_cents,
    name: t.name,
    merchant_name: t.merchant_name,
    pfc_primary: t.personal_finance_category?.primary ?? (deposit ? 'TRANSFER_IN' : 'GENERAL_MERCHANDISE'),
    pfc_detailed: t.personal_finance_category?.detailed ?? (deposit ? 'TRANSFER_IN_DEPOSIT' : 'GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE'),
  };
}
