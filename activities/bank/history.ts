/** The compact bank history the workflows carry (no tokens, no raw Plaid payloads). */
export interface BankAccountSnapshot {
  id: string;
  type: string;
  subtype: string | null;
  currentCents: number | null;
  availableCents: number | null;
  isoCurrencyCode: string | null;
}

export interface BankTransaction {
  id: string;
  accountId: string;
  /** Plaid's sign: positive = money leaves the account; deposits (payroll) are negative. */
  amountCents: number;
  date: string; // YYYY-MM-DD
  name: string;
  merchantName: string | null;
  category: string | null; // personal_finance_category.primary, e.g. INCOME, BANK_FEES
  categoryDetailed: string | null; // e.g. BANK_FEES_INSUFFICIENT_FUNDS
  pending: boolean;
}

export interface BankHistory {
  itemId: string;
  institutionName: string | null;
  accounts: BankAccountSnapshot[];
  transactions: BankTransaction[];
}
