/**
 * Who a deposit comes from, and whether it can be income.
 *
 * Bank descriptions carry noise that changes every deposit ("ACME CORP PAYROLL PPD ID: 9912
 * 06/13"), so grouping by the raw name would split one employer into many. We keep the words and
 * drop what varies (numbers, dates, ACH plumbing words) to get a stable key.
 */
import type { BankTransaction, IncomeKind } from './types';
import type { IncomePolicy } from './policy';

// ACH/bank plumbing words that say nothing about who paid. PAYROLL is kept on purpose: it is
// part of how people recognise the line ("ACME CORP PAYROLL").
const NOISE_WORDS = new Set([
  'PPD', 'CCD', 'WEB', 'ACH', 'ID', 'DES', 'INDN', 'TRN', 'REF', 'CO', 'ENTRY', 'DESCR',
  'DIRECT', 'DEP', 'DEPOSIT', 'DIR', 'CR', 'CREDIT', 'ORIG', 'NAME', 'SEC', 'EFF', 'DATE',
]);
const MAX_KEY_WORDS = 4;

/** "Acme Corp. PAYROLL PPD ID: 123456" -> "ACME CORP PAYROLL". Stable across paychecks. */
export function normalizeCounterparty(name: string): string {
  const words = name
    .toUpperCase()
    .replace(/[^A-Z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0 && !/\d/.test(w) && !NOISE_WORDS.has(w));
  return words.slice(0, MAX_KEY_WORDS).join(' ') || 'UNKNOWN';
}

/** The name a deposit is grouped under: the merchant name when Plaid has one, else the description. */
export function counterpartyOf(tx: Pick<BankTransaction, 'name' | 'merchant_name'>): string {
  return normalizeCounterparty(tx.merchant_name?.trim() ? tx.merchant_name : tx.name);
}

/** Whole-word (or whole-phrase) containment, so "DAVE" does not match "DAVENPORT". */
export function mentions(normalized: string, phrase: string): boolean {
  return ` ${normalized} `.includes(` ${phrase.toUpperCase()} `);
}

const PAYROLL_WORDS = ['PAYROLL', 'SALARY', 'PAYCHECK', 'WAGES', 'DIRECT DEP', 'DIR DEP', 'DIRECT DEPOSIT'];
const BENEFIT_WORDS = ['SSA', 'SSI', 'TREAS', 'UNEMPLOYMENT', 'PENSION', 'VA BENEFIT'];

// Plaid detailed categories for money that is ours already or borrowed: never income.
const NON_INCOME_TRANSFERS = new Set([
  'TRANSFER_IN_CASH_ADVANCES_AND_LOANS',
  'TRANSFER_IN_SAVINGS',
  'TRANSFER_IN_ACCOUNT_TRANSFER',
  'TRANSFER_IN_INVESTMENT_AND_RETIREMENT_FUNDS',
]);

/**
 * Can this deposit be income at all? No for: own-account transfers, loans and cash advances
 * (including ours: an advance must never raise the limit that produced it), refunds of purchases.
 */
export function isIncomeCandidate(tx: BankTransaction, policy: IncomePolicy): boolean {
  if (tx.pending || tx.amountCents >= 0) return false; // Plaid sign: deposits are negative
  if (-tx.amountCents < policy.minDepositCents) return false;
  const who = counterpartyOf(tx);
  const raw = normalizeCounterparty(tx.name);
  const never = [...policy.ownAdvanceCounterparties, ...policy.cashAdvanceApps, ...policy.excludedCounterparties];
  if (never.some((p) => mentions(who, p) || mentions(raw, p))) return false;
  const pfc = tx.personal_finance_category;
  if (pfc) {
    if (pfc.primary !== 'INCOME' && pfc.primary !== 'TRANSFER_IN') return false; // refunds etc.
    if (pfc.detailed && NON_INCOME_TRANSFERS.has(pfc.detailed)) return false;
  }
  const legacy = (tx.category ?? []).map((c) => c.toUpperCase());
  if (legacy.includes('INTERNAL ACCOUNT TRANSFER') || legacy.includes('LOANS AND MORTGAGES')) return false;
  return true;
}

/**
 * Is this deposit an advance or loan from someone else (another cash-advance app, a lender)?
 * Our own advances are not counted: they are ours to manage.
 */
export function isOtherCashAdvance(tx: BankTransaction, policy: IncomePolicy): boolean {
  if (tx.pending || tx.amountCents >= 0) return false;
  const who = counterpartyOf(tx);
  const raw = normalizeCounterparty(tx.name);
  const names = (list: string[]) => list.some((p) => mentions(who, p) || mentions(raw, p));
  if (names(policy.ownAdvanceCounterparties)) return false;
  return names(policy.cashAdvanceApps) || tx.personal_finance_category?.detailed === 'TRANSFER_IN_CASH_ADVANCES_AND_LOANS';
}

/** Does the bank (category) or the description say this deposit is income? */
export function isLabeledIncome(tx: BankTransaction, policy: IncomePolicy): boolean {
  if (tx.personal_finance_category?.primary === 'INCOME') return true;
  const legacy = (tx.category ?? []).map((c) => c.toUpperCase());
  if (legacy.includes('PAYROLL')) return true;
  return incomeKindOf(tx, policy) !== 'other';
}

/** What kind of income a deposit looks like, from its category and words. */
export function incomeKindOf(tx: BankTransaction, policy: IncomePolicy): IncomeKind {
  const words = `${normalizeCounterparty(tx.name)} ${counterpartyOf(tx)}`;
  if (policy.gigCounterparties.some((p) => mentions(words, p))) return 'gig';
  const detailed = tx.personal_finance_category?.detailed ?? '';
  if (detailed === 'INCOME_UNEMPLOYMENT' || detailed === 'INCOME_RETIREMENT_PENSION') return 'benefits';
  if (BENEFIT_WORDS.some((p) => mentions(words, p))) return 'benefits';
  if (detailed === 'INCOME_WAGES') return 'payroll';
  // Payroll words are matched on the raw upper-cased text: "DIR DEP" is a noise pair for grouping.
  const raw = ` ${tx.name.toUpperCase().replace(/[^A-Z0-9 ]+/g, ' ').replace(/\s+/g, ' ')} `;
  if (PAYROLL_WORDS.some((p) => raw.includes(` ${p} `))) return 'payroll';
  const legacy = (tx.category ?? []).map((c) => c.toUpperCase());
  if (legacy.includes('PAYROLL')) return 'payroll';
  return 'other';
}
