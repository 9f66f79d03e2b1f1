/**
 * Inputs and outputs of underwriting. Inputs mirror Plaid's shapes (snake_case field names kept
 * where they are Plaid's) with every amount already converted to integer cents at the edge
 * (see `fromPlaid` in ./plaid-mapping.ts). Outputs are plain JSON so a decision can be stored
 * whole and explained later.
 */
import type { IsoDate } from '../dates';
import type { Cents } from '../money';
import type { IncomeCadence, RegularCadence } from '../payday';

export interface BankAccount {
  account_id: string;
  /** Plaid `type`: depository, credit, loan, investment, other. */
  type: string;
  /** Plaid `subtype`: checking, savings, ... */
  subtype: string | null;
  balances: {
    /** Plaid `balances.current` in cents (posted balance); null when the bank did not say. */
    currentCents: Cents | null;
    /** Plaid `balances.available` in cents (current minus pending debits); null when unknown. */
    availableCents: Cents | null;
  };
}

export interface BankTransaction {
  transaction_id: string;
  account_id: string;
  /**
   * Integer cents with PLAID'S SIGN: positive = money LEAVES the account (a purchase, a fee),
   * negative = money comes IN (payroll, a refund).
   */
  amountCents: Cents;
  /** Posting date (Plaid `date`). */
  date: IsoDate;
  name: string;
  merchant_name?: string | null;
  /** Plaid's personal finance category, e.g. { primary: 'INCOME', detailed: 'INCOME_WAGES' }. */
  personal_finance_category?: { primary: string; detailed?: string | null } | null;
  /** Plaid's legacy category path, e.g. ['Transfer', 'Payroll']. */
  category?: string[] | null;
  pending: boolean;
}

/**
 * Result of an identity check between what the customer told us and the bank account owner.
 * Each signal is a boolean, or a Plaid Identity Match style score 0-100, or null when the bank
 * had no data for that field.
 */
export type MatchSignal = boolean | number | null;
export interface IdentityMatch {
  nameMatch: MatchSignal;
  emailMatch?: MatchSignal;
  phoneMatch?: MatchSignal;
  addressMatch?: MatchSignal;
}

/** Summary from the consumer-report provider (the bureau module), e.g. { provider: 'Experian', flags: ['FRAUD_ALERT'] }. */
export interface ConsumerReport {
  provider: string;
  score?: number | null;
  flags: string[];
}

export interface BankHistory {
  /** The day the history was fetched; every window ends here. */
  asOf: IsoDate;
  accounts: BankAccount[];
  transactions: BankTransaction[];
  /** The account advances go to. Default: the first depository checking account. */
  primaryAccountId?: string | null;
}

export interface UnderwritingInput {
  history: BankHistory;
  /** Absent when the identity check was not run (see policy.identity.required). */
  identity?: IdentityMatch | null;
  consumerReport?: ConsumerReport | null;
}

export type IncomeKind = 'payroll' | 'gig' | 'benefits' | 'other';

/** One source of income found in the history, e.g. ACME CORP PAYROLL every other Friday. */
export interface IncomeStream {
  /** Normalised counterparty, the grouping key (see normalizeCounterparty). */
  source: string;
  kind: IncomeKind;
  cadence: Exclude<IncomeCadence, 'none'>;
  /** Median deposit amount, positive cents. */
  amountCents: Cents;
  /** Estimated income per month from this stream, positive cents. */
  monthlyAmountCents: Cents;
  depositCount: number;
  /** Distinct deposit dates, oldest first. */
  depositDates: IsoDate[];
  lastDepositDate: IsoDate;
  /** Coefficient of variation of the amounts (standard deviation / mean), 0 = identical pay. */
  amountCv: number;
  /** Mean distance in days between a deposit and its scheduled payday (0 for irregular). */
  meanDateDeviationDays: number;
  /** Share of the expected paydays between the first and last deposit that had a deposit. */
  scheduleCoverage: number;
  /** Plaid or the description says this is income (INCOME category, payroll words, gig platform). */
  labeledAsIncome: boolean;
  /** Still arriving: the latest deposit is no older than one period plus a grace. */
  active: boolean;
  /** 0-1: how sure we are this is recurring income on this cadence. */
  confidence: number;
}

export type IncomeStability = 'stable' | 'variable' | 'irregular' | 'none';
export type IdentityStatus = 'matched' | 'mismatch' | 'unverified' | 'not_checked';

export interface UnderwritingFeatures {
  primaryAccountId: string | null;
  primaryAccountSubtype: string | null;
  currentBalanceCents: Cents | null;
  availableBalanceCents: Cents | null;
  /** Days from the oldest posted transaction to asOf, inclusive (Plaid gives no opening date). */
  accountAgeDays: number;
  /** Days of the lookback window we could reconstruct a balance for. */
  observedDays: number;
  postedTransactionCount: number;
  averageDailyBalance30Cents: Cents | null;
  averageDailyBalance90Cents: Cents | null;
  minimumDailyBalance90Cents: Cents | null;
  negativeBalanceDays90: number;
  /** Runs of consecutive days below zero. */
  negativeBalanceEpisodes90: number;
  overdraftFeeCount90: number;
  nsfFeeCount90: number;
  /** max(negative episodes, overdraft fees) + NSF fees: one overdraft usually shows as both. */
  overdraftIncidents90: number;
  /** Deposits from other cash-advance apps or lenders (stacking risk). */
  otherCashAdvanceDeposits90: number;
  totalDeposits90Cents: Cents;
  totalSpend90Cents: Cents;
  incomeStreams: IncomeStream[];
  /** Sum of the monthly amounts of the active streams. */
  monthlyIncomeCents: Cents;
  incomeStability: IncomeStability;
  lastIncomeDate: IsoDate | null;
  identity: IdentityStatus;
  consumerReportProvider: string | null;
  consumerReportScore: number | null;
  consumerReportFlags: string[];
}

export type UnderwritingReasonCode =
  | 'IDENTITY_MISMATCH'
  | 'IDENTITY_UNVERIFIED'
  | 'CONSUMER_REPORT_FLAG'
  | 'CONSUMER_REPORT_SCORE'
  | 'NO_CHECKING_ACCOUNT'
  | 'BALANCE_UNAVAILABLE'
  | 'INSUFFICIENT_HISTORY'
  | 'ACCOUNT_TOO_NEW'
  | 'NO_RECURRING_INCOME'
  | 'NO_RECENT_INCOME'
  | 'INSUFFICIENT_INCOME'
  | 'IRREGULAR_INCOME'
  | 'FREQUENT_OVERDRAFTS'
  | 'OTHER_CASH_ADVANCES'
  | 'LOW_AVERAGE_BALANCE';

export interface Reason<Code extends string = string> {
  code: Code;
  /** Customer-readable, adverse-action style: says what we saw, not how we score. */
  message: string;
}

export interface IncomeSummary {
  cadence: IncomeCadence;
  /** Typical deposit of the main stream (0 when none). */
  amountCents: Cents;
  monthlyAmountCents: Cents;
  /** Normalised counterparty of the main stream, null when none. */
  source: string | null;
  confidence: number;
  /** The main stream's deposit dates: what the evaluate rules refresh the payday from. */
  depositDates: IsoDate[];
}

export interface UnderwritingDecision {
  /** The code's version: changes whenever the derivation or decision logic changes. */
  modelVersion: string;
  /** The policy (thresholds, tiers) the decision used. */
  policyVersion: string;
  asOf: IsoDate;
  approved: boolean;
  /** 0 when declined. */
  limitCents: Cents;
  /** Every reason for a decline, or for a limit below the top tier; empty for a full approval. */
  reasons: Reason<UnderwritingReasonCode>[];
  features: UnderwritingFeatures;
  /** First expected payday after asOf, from the main income stream. */
  nextPayday: IsoDate | null;
  income: IncomeSummary;
}

export type { IncomeCadence, RegularCadence };
