/**
 * Knobs of the evaluate rules, as plain data (travels in Temporal payloads, stored with every
 * evaluation). Override by spreading; change `version` with any value.
 */
import type { Cents } from '../money';

/** Bump when the logic of ./rules.ts changes. */
export const EVALUATE_RULE_VERSION = 'evaluate-rules-1.1.0';

export interface EvaluatePolicy {
  version: string;
  /** Low-balance threshold when the customer has not chosen one. */
  defaultThresholdCents: Cents;
  /** Bounds of the customer's own threshold (like EarnIn's Balance Shield, $0-500). */
  minThresholdCents: Cents;
  maxThresholdCents: Cents;
  /** Smallest advance worth an ACH transfer. */
  minAdvanceCents: Cents;
  /** A repayment is pulled only if at least this much stays in the account afterwards. */
  repaymentBufferCents: Cents;
  /** The repayment notice must be sent at least this many banking days (Fed calendar) before the money is pulled. */
  noticeLeadDays: number;
  /** A notice older than this no longer covers a pull (a late retry needs a fresh notice). */
  noticeValidDays: number;
  /** Days after a repayment completes before a new advance (no same-day churn). */
  advanceCooldownDaysAfterRepayment: number;
  /** Without any payday: repayment due the first Friday at least this many days after the advance. */
  fallbackRepaymentDays: number;
}

export const DEFAULT_EVALUATE_POLICY: EvaluatePolicy = {
  version: 'evaluate-policy-2025-01',
  defaultThresholdCents: 5_000,
  minThresholdCents: 0,
  maxThresholdCents: 50_000,
  minAdvanceCents: 2_500,
  repaymentBufferCents: 2_500,
  // Brigit-style two-day notice.
  noticeLeadDays: 2,
  noticeValidDays: 35,
  advanceCooldownDaysAfterRepayment: 1,
  fallbackRepaymentDays: 7,
};
