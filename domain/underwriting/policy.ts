/**
 * The knobs of underwriting, as data. Callers override by spreading:
 *   underwrite(input, { ...DEFAULT_UNDERWRITING_POLICY, minAccountAgeDays: 30, version: 'uw-policy-2-test' })
 * Change `version` whenever a value changes: it is stored on every decision next to the model
 * version, so "why did this customer get $100 in March" always has an answer.
 *
 * Everything here is plain JSON (no RegExp, no functions) so a policy can travel through a
 * Temporal payload or be stored with the decision.
 */
import type { Cents } from '../money';
import type { RegularCadence } from '../payday';

/** Bump when the derivation or decision code changes (not for policy values: see policy.version). */
export const UNDERWRITING_MODEL_VERSION = 'underwriting-model-1.0.0';

export interface LimitTier {
  limitCents: Cents;
  /** Estimated monthly income (all active streams) needed for this tier. */
  minMonthlyIncomeCents: Cents;
  /** 30-day average daily balance needed for this tier. */
  minAverageDailyBalance30Cents: Cents;
}

export interface IncomePolicy {
  /** Deposits below this are ignored as income (interest, cash-back, test deposits). */
  minDepositCents: Cents;
  /** Deposits needed in the lookback before a cadence is believed. */
  minOccurrences: Record<RegularCadence, number>;
  /** How far a deposit may land from its scheduled payday and still count as on schedule. */
  dateToleranceDays: Record<RegularCadence, number>;
  /** Share of a stream's deposits that must land on schedule. */
  minOnScheduleShare: number;
  /** Share of expected paydays (between first and last deposit) that must have a deposit. */
  minCoverage: number;
  /** Mean distance from schedule above which a cadence is not believed. */
  maxMeanDeviationDays: number;
  /** A stream is stale (job lost?) when its last deposit is older than one period plus this. */
  staleGraceDays: number;
  /** Amount coefficient of variation up to which pay counts as stable / variable (above: irregular). */
  stableMaxAmountCv: number;
  variableMaxAmountCv: number;
  /** Irregular income (no calendar) needs at least this many labelled deposits over this many days. */
  minIrregularDeposits: number;
  minIrregularSpanDays: number;
  /** Our own advances: never income (an advance must not raise the limit that produced it). */
  ownAdvanceCounterparties: string[];
  /** Other cash-advance / earned-wage apps: never income, and counted as stacking (see otherCashAdvances). */
  cashAdvanceApps: string[];
  /** Other counterparties whose deposits are never income (loans). */
  excludedCounterparties: string[];
  /** Gig platforms: their deposits count as income even without an INCOME category. */
  gigCounterparties: string[];
}

export interface UnderwritingPolicy {
  version: string;
  /** Days of history the windows cover (and the Apply process fetches). */
  lookbackDays: number;
  minAccountAgeDays: number;
  minPostedTransactions: number;
  /** Limit tiers; the highest one whose income and balance minimums are met applies. */
  tiers: LimitTier[];
  income: IncomePolicy;
  overdraft: {
    /** Incidents in 90 days from which the limit is capped. */
    capAtIncidents: number;
    capLimitCents: Cents;
    /** Incidents in 90 days from which we decline. */
    declineAtIncidents: number;
  };
  /**
   * Advances from other cash-advance apps or lenders in the lookback (stacking): from this many
   * deposits the limit is capped, since those apps collect on the same payday we do.
   */
  otherCashAdvances: { capAtDeposits: number; capLimitCents: Cents };
  /** Limit cap when income is irregular (gig work, very uneven pay). */
  irregularIncomeLimitCapCents: Cents;
  identity: {
    /**
     * Decline (IDENTITY_UNVERIFIED) when no identity result is supplied or the bank has no owner
     * name. Off by default so the product works before the identity check is wired; a mismatch
     * declines either way.
     */
    required: boolean;
    /** Plaid Identity Match scores at or above this count as a match. */
    minScore: number;
  };
  consumerReport: {
    /** Flags that decline outright (compared case-insensitively). */
    declineFlags: string[];
    /** Flags that cap the limit at capLimitCents. */
    capFlags: string[];
    capLimitCents: Cents;
    /** Minimum provider score, or null to ignore scores (cash advances are not credit-scored by default). */
    minScore: number | null;
  };
}

export const DEFAULT_UNDERWRITING_POLICY: UnderwritingPolicy = {
  version: 'uw-policy-2025-01',
  lookbackDays: 90,
  // Like MoneyLion's "checking account at least 2 months old".
  minAccountAgeDays: 60,
  minPostedTransactions: 10,
  tiers: [
    { limitCents: 10_000, minMonthlyIncomeCents: 100_000, minAverageDailyBalance30Cents: 0 },
    { limitCents: 20_000, minMonthlyIncomeCents: 150_000, minAverageDailyBalance30Cents: 5_000 },
    { limitCents: 30_000, minMonthlyIncomeCents: 200_000, minAverageDailyBalance30Cents: 15_000 },
    { limitCents: 50_000, minMonthlyIncomeCents: 300_000, minAverageDailyBalance30Cents: 30_000 },
  ],
  income: {
    minDepositCents: 2_000,
    minOccurrences: { weekly: 4, biweekly: 3, semimonthly: 3, monthly: 2 },
    dateToleranceDays: { weekly: 1, biweekly: 2, semimonthly: 3, monthly: 3 },
    minOnScheduleShare: 0.8,
    minCoverage: 0.75,
    maxMeanDeviationDays: 1.5,
    staleGraceDays: 5,
    stableMaxAmountCv: 0.15,
    variableMaxAmountCv: 0.35,
    minIrregularDeposits: 4,
    minIrregularSpanDays: 21,
    ownAdvanceCounterparties: ['TIMELY'],
    cashAdvanceApps: ['EARNIN', 'DAVE', 'BRIGIT', 'MONEYLION', 'CLEO', 'KLOVER', 'FLOATME', 'ALBERT INSTANT', 'CHIME SPOTME'],
    excludedCounterparties: ['LOAN'],
    gigCounterparties: [
      'UBER',
      'LYFT',
      'DOORDASH',
      'INSTACART',
      'GRUBHUB',
      'POSTMATES',
      'SHIPT',
      'AMAZON FLEX',
      'TASKRABBIT',
      'ROVER',
      'UPWORK',
      'FIVERR',
      'ETSY',
    ],
  },
  overdraft: { capAtIncidents: 2, capLimitCents: 10_000, declineAtIncidents: 4 },
  otherCashAdvances: { capAtDeposits: 2, capLimitCents: 10_000 },
  irregularIncomeLimitCapCents: 10_000,
  identity: { required: false, minScore: 70 },
  consumerReport: {
    declineFlags: ['FRAUD_ALERT', 'IDENTITY_THEFT', 'DECEASED', 'OFAC_MATCH', 'SSN_MISMATCH'],
    capFlags: ['UNPAID_CASH_ADVANCE', 'RECENT_ACH_RETURN'],
    capLimitCents: 10_000,
    minScore: null,
  },
};

/** The highest limit any customer can get under the policy. */
export function maxTierLimitCents(policy: UnderwritingPolicy): Cents {
  return policy.tiers.reduce((max, t) => Math.max(max, t.limitCents), 0);
}
