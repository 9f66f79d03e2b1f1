/**
 * The balance-call economy. Plaid bills /accounts/balance/get per call; an hourly sweep calling it
 * for every account pays 24 calls per account per day, almost all to learn that a balance far
 * above its threshold is still far above it. Transactions sync (triggered by Plaid's
 * SYNC_UPDATES_AVAILABLE webhook) already keeps each account's balance and its history, so an
 * evaluation may decide on that kept balance when nothing that could happen before the next
 * sweep could change the decision:
 *
 *  - the rules reach their verdict without any balance (closed, suspended, in flight, not
 *    approved, repayment not due, ...): no balance is needed at all;
 *  - the decision on the kept balance would move money: always a real-time balance first;
 *  - the balance decides a repayment (funds may have arrived since): real-time;
 *  - the kept balance is above the threshold by more than the account could spend from the
 *    moment it was read until the next sweep (balance - threshold >= expected spend): the kept
 *    balance stands; otherwise (near the threshold, too old, too little history): real-time.
 *
 * Expected spend is deliberately pessimistic, so a low balance is never detected later than with a
 * real-time call every sweep: the largest single outflow seen, or the largest day's outflows
 * scaled to the window, whichever is more.
 */
import type { Cents } from '../money';
import { DEFAULT_EVALUATE_POLICY, EvaluatePolicy } from './policy';
import { decide, EvaluateDecision, EvaluateInput } from './rules';

export const BALANCE_NEED_VERSION = 'balance-need-1.0.0';

export interface BalanceNeedPolicy {
  version: string;
  /** A kept balance older than this is never trusted, whatever the history says. */
  maxKeptAgeHours: number;
  /** Days of history needed before a spending rate means anything. */
  minSpendHistoryDays: number;
}

export const DEFAULT_BALANCE_NEED_POLICY: BalanceNeedPolicy = { version: BALANCE_NEED_VERSION, maxKeptAgeHours: 48, minSpendHistoryDays: 14 };

/** What the bank module kept about an account's balance and spending. */
export interface KeptBalance {
  availableCents: Cents | null;
  currentCents: Cents | null;
  /** Hours between the moment the bank reported this balance and now. */
  ageHours: number;
  spend: {
    /** The largest total of outflows on one day in the recent history. */
    largestDayCents: Cents;
    /** The largest single outflow in the recent history. */
    largestOutflowCents: Cents;
    /** Days the recent history spans. */
    historyDays: number;
  };
}

export type BalanceNeedReason =
  | 'balance-not-used'
  | 'kept-clear-of-threshold'
  | 'no-kept-balance'
  | 'money-may-move'
  | 'balance-decides-repayment'
  | 'kept-too-old'
  | 'short-history'
  | 'near-threshold';

export interface BalanceNeed {
  realTime: boolean;
  reason: BalanceNeedReason;
  /** With a threshold comparison: what the account could spend before the next sweep, and the room it has. */
  expectedSpendCents?: Cents;
  headroomCents?: Cents;
  version: string;
}

/**
 * Whether an evaluation needs a real-time balance. `onKept` is the rules' decision with the kept
 * balance, `blind` the decision with no balance at all (both from rules.ts, same input otherwise).
 */
export function balanceNeed(
  a: { onKept: EvaluateDecision; blind: EvaluateDecision; kept: KeptBalance | null; hoursUntilNextSweep: number },
  policy: BalanceNeedPolicy = DEFAULT_BALANCE_NEED_POLICY,
): BalanceNeed {
  const need = (realTime: boolean, reason: BalanceNeedReason, extra: Partial<BalanceNeed> = {}): BalanceNeed => ({ realTime, reason, version: policy.version, ...extra });
  // Without a balance the rules can only say BALANCE_UNAVAILABLE; any other verdict did not use it.
  if (a.blind.action === 'none' && a.blind.reason !== 'BALANCE_UNAVAILABLE') return need(false, 'balance-not-used');
  if (a.onKept.action !== 'none') return need(true, 'money-may-move');
  if (!a.kept || (a.kept.availableCents ?? a.kept.currentCents ?? null) === null) return need(true, 'no-kept-balance');
  if (a.onKept.reason !== 'BALANCE_ABOVE_THRESHOLD') return need(true, 'balance-decides-repayment');
  if (!(a.kept.ageHours >= 0) || a.kept.ageHours > policy.maxKeptAgeHours) return need(true, 'kept-too-old');
  if (a.kept.spend.historyDays < policy.minSpendHistoryDays) return need(true, 'short-history');
  const { availableCents, thresholdCents } = a.onKept.details;
  if (availableCents === undefined || thresholdCents === undefined) return need(true, 'no-kept-balance');
  const windowHours = a.kept.ageHours + Math.max(0, a.hoursUntilNextSweep);
  const expectedSpendCents = Math.max(a.kept.spend.largestOutflowCents, Math.ceil((a.kept.spend.largestDayCents * windowHours) / 24));
  const headroomCents = availableCents - thresholdCents;
  return headroomCents >= expectedSpendCents
    ? need(false, 'kept-clear-of-threshold', { expectedSpendCents, headroomCents })
    : need(true, 'near-threshold', { expectedSpendCents, headroomCents });
}

/** The rules run on the kept balance and with none, and whether that is enough (see balanceNeed). */
export function decideOnKeptBalance(
  input: EvaluateInput,
  kept: KeptBalance | null,
  hoursUntilNextSweep: number,
  evaluatePolicy: EvaluatePolicy = DEFAULT_EVALUATE_POLICY,
  policy: BalanceNeedPolicy = DEFAULT_BALANCE_NEED_POLICY,
): { decision: EvaluateDecision; need: BalanceNeed } {
  const onKept = decide({ ...input, balance: kept ? { availableCents: kept.availableCents, currentCents: kept.currentCents } : null }, evaluatePolicy);
  const blind = decide({ ...input, balance: null }, evaluatePolicy);
  return { decision: onKept, need: balanceNeed({ onKept, blind, kept, hoursUntilNextSweep }, policy) };
}
