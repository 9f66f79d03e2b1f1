/**
 * The evaluate rules: for one account, today, do nothing, send an advance, or collect the
 * repayment, and say why. Pure and deterministic: the Evaluate workflow calls `decide` directly
 * and stores its input, the decision, the reason and both versions (rules and policy).
 *
 * Order of the rules, first match wins:
 *  1. The account must be usable: not closed, not suspended, bank link working, no transfer
 *     in flight (one money movement at a time per account).
 *  2. With an advance outstanding, only repayment is considered (no new advance while one is
 *     outstanding):
 *     - a returned or failed previous attempt may be retried only as the Nacha policy allows
 *       (../ach/returns.ts), and after a return only once NEW income has arrived since;
 *     - the customer gets a notice of date and amount first, at least noticeLeadDays BANKING days
 *       before the pull (Federal Reserve calendar, ../banking-days.ts); the rules ask for it
 *       (reason REPAYMENT_NOTICE_REQUIRED, with `notice`) once that lead reaches the pull day,
 *       which is the due date or, when the Fed is closed then, the next banking day;
 *     - on or after the due date (the payday, see ./due-date.ts) and the scheduled date of
 *       the notice, collect when the balance covers amount + buffer; otherwise wait: the daily
 *       evaluation collects once the next income lands. Never pull into an overdraft we can see.
 *  3. Without one: an approved account whose balance is below its threshold gets an advance
 *     that brings it back to the threshold, rounded up to whole dollars, at least the minimum,
 *     at most the limit.
 */
import { IsoDate, addDays, assertIsoDate, compareDates, daysBetween, maxDate } from '../dates';
import { addBankingDays, onOrAfterBankingDay } from '../banking-days';
import { Cents, assertCents, ceilToWholeDollars, floorToWholeDollars, formatCents } from '../money';
import { IncomeCadence } from '../payday';
import { RetryDecision, retryDecision } from '../ach/returns';
import { DueDateSource, repaymentDueDate } from './due-date';
import { DEFAULT_EVALUATE_POLICY, EVALUATE_RULE_VERSION, EvaluatePolicy } from './policy';

export { nextPayday } from '../payday';
export { repaymentDueDate } from './due-date';

export interface EvaluateInput {
  today: IsoDate;
  account: {
    status: 'active' | 'suspended' | 'closed';
    /** State of the Plaid item: login_required = ITEM_LOGIN_REQUIRED. */
    bankLink: 'ok' | 'login_required' | 'disconnected';
    /** Latest underwriting decision. Gates advances only: a declined customer still repays. */
    approved: boolean;
    limitCents: Cents;
    /** The customer's own low-balance threshold; null = policy default. */
    thresholdCents?: Cents | null;
  };
  /**
   * Balance of the linked account; null when it could not be fetched. `source`: a real-time call,
   * or the balance kept from transactions sync when ./balance-need.ts says it cannot change the
   * decision (recorded with the evaluation; the rules do not read it).
   */
  balance: { availableCents: Cents | null; currentCents?: Cents | null; source?: 'real-time' | 'kept'; keptAgeHours?: number } | null;
  /** A transfer of this account not yet in a final state (advance: until settled; repayment: until funds_available). */
  transferInFlight?: { kind: 'advance' | 'repayment' } | null;
  /** The outstanding advance (ledger: customer_receivable balance), null or 0 when none. */
  advance?: { outstandingCents: Cents; disbursedOn: IsoDate } | null;
  /** The main income stream, refreshed from the latest transactions. */
  income: { cadence: IncomeCadence; depositDates: IsoDate[]; expectedPayday?: IsoDate | null };
  /** The latest repayment attempt, when it did not succeed. */
  lastRepaymentAttempt?: {
    outcome: 'returned' | 'failed';
    /** Day the return or failure was reported. */
    on: IsoDate;
    returnCode?: string | null;
    /** Times the returned entry was already presented again. */
    priorRepresentments: number;
    originalSettlementDate?: IsoDate | null;
    priorFailedRetries?: number;
  } | null;
  /** The notice of the coming repayment, if one was sent. */
  repaymentNotice?: { sentOn: IsoDate; amountCents: Cents; scheduledFor: IsoDate } | null;
  /** Day the last repayment completed (for the cool-off before a new advance). */
  lastRepaidOn?: IsoDate | null;
  /** An advance came back and the account was not re-linked since (cleared by the caller). */
  lastAdvanceReturn?: { on: IsoDate; returnCode: string | null } | null;
}

export type EvaluateReasonCode =
  | 'ACCOUNT_CLOSED'
  | 'ACCOUNT_SUSPENDED'
  | 'BANK_LOGIN_REQUIRED'
  | 'BANK_DISCONNECTED'
  | 'ADVANCE_IN_FLIGHT'
  | 'REPAYMENT_IN_FLIGHT'
  | 'BALANCE_UNAVAILABLE'
  // repayment
  | 'REPAYMENT_BLOCKED'
  | 'REPAYMENT_NOT_DUE'
  | 'REPAYMENT_NOTICE_REQUIRED'
  | 'REPAYMENT_NOTICE_TOO_RECENT'
  | 'AWAITING_NEXT_INCOME'
  | 'RETRY_NEXT_DAY'
  | 'INSUFFICIENT_FUNDS_FOR_REPAYMENT'
  | 'REPAYMENT_DUE'
  // advance
  | 'NOT_APPROVED'
  | 'LIMIT_ZERO'
  | 'LIMIT_BELOW_MINIMUM'
  | 'ADVANCE_BLOCKED_BY_RETURN'
  | 'COOLDOWN_AFTER_REPAYMENT'
  | 'BALANCE_ABOVE_THRESHOLD'
  | 'BALANCE_BELOW_THRESHOLD';

export interface EvaluateDetails {
  thresholdCents?: Cents;
  thresholdSource?: 'customer' | 'default' | 'customer_out_of_bounds';
  availableCents?: Cents;
  outstandingCents?: Cents;
  dueDate?: IsoDate;
  dueDateSource?: DueDateSource;
  /** Earliest day the repayment may be pulled, once known. */
  collectFrom?: IsoDate;
  /** Nacha answer for a retry after a returned or failed attempt. */
  retry?: RetryDecision;
}

export interface EvaluateDecision {
  action: 'none' | 'advance' | 'repay';
  /** For advance and repay: positive cents. */
  amountCents?: Cents;
  reason: EvaluateReasonCode;
  message: string;
  ruleVersion: string;
  policyVersion: string;
  details: EvaluateDetails;
  /** With REPAYMENT_NOTICE_REQUIRED: the notice the caller must send (date and amount). */
  notice?: { amountCents: Cents; scheduledFor: IsoDate };
}

export function decide(input: EvaluateInput, policy: EvaluatePolicy = DEFAULT_EVALUATE_POLICY): EvaluateDecision {
  validate(input);
  const out = (
    action: EvaluateDecision['action'],
    reason: EvaluateReasonCode,
    message: string,
    details: EvaluateDetails = {},
    extra: Partial<EvaluateDecision> = {},
  ): EvaluateDecision => ({ action, reason, message, ruleVersion: EVALUATE_RULE_VERSION, policyVersion: policy.version, details, ...extra });

  const { account } = input;
  if (account.status === 'closed') return out('none', 'ACCOUNT_CLOSED', 'The account is closed.');
  if (account.status === 'suspended') return out('none', 'ACCOUNT_SUSPENDED', 'The account is suspended; no money moves until it is reinstated.');
  if (account.bankLink === 'login_required') return out('none', 'BANK_LOGIN_REQUIRED', 'The customer must log in to their bank again before money can move.');
  if (account.bankLink === 'disconnected') return out('none', 'BANK_DISCONNECTED', 'The bank account is no longer linked.');
  if (input.transferInFlight?.kind === 'advance') return out('none', 'ADVANCE_IN_FLIGHT', 'An advance is on its way; nothing else moves until it settles.');
  if (input.transferInFlight?.kind === 'repayment') return out('none', 'REPAYMENT_IN_FLIGHT', 'A repayment is in progress; nothing else moves until it completes.');

  const available = effectiveBalance(input);
  if (input.advance && input.advance.outstandingCents > 0) return decideRepayment(input, input.advance, available, policy, out);
  return decideAdvance(input, available, policy, out);
}

type Out = (
  action: EvaluateDecision['action'],
  reason: EvaluateReasonCode,
  message: string,
  details?: EvaluateDetails,
  extra?: Partial<EvaluateDecision>,
) => EvaluateDecision;

function decideRepayment(
  input: EvaluateInput,
  advance: NonNullable<EvaluateInput['advance']>,
  available: Cents | null,
  policy: EvaluatePolicy,
  out: Out,
): EvaluateDecision {
  const { today } = input;
  const amount = advance.outstandingCents;
  const due = repaymentDueDate({
    disbursedOn: advance.disbursedOn,
    cadence: input.income.cadence,
    depositDates: input.income.depositDates,
    expectedPayday: input.income.expectedPayday ?? null,
    fallbackRepaymentDays: policy.fallbackRepaymentDays,
  });
  const details: EvaluateDetails = { outstandingCents: amount, dueDate: due.dueDate, dueDateSource: due.source };
  if (available !== null) details.availableCents = available;

  // A failed or returned attempt: Nacha decides whether there may be another one at all.
  const attempt = input.lastRepaymentAttempt ?? null;
  if (attempt) {
    const retry = retryDecision({
      direction: 'debit',
      outcome: attempt.outcome,
      returnCode: attempt.returnCode ?? null,
      priorRepresentments: attempt.priorRepresentments,
      originalSettlementDate: attempt.originalSettlementDate ?? null,
      priorFailedRetries: attempt.priorFailedRetries,
      today,
    });
    details.retry = retry;
    if (!retry.allowed) return out('none', 'REPAYMENT_BLOCKED', `The repayment cannot be collected automatically: ${retry.rule}`, details);
  }

  // The notice: date and amount, sent at least noticeLeadDays before the pull.
  const notice = input.repaymentNotice ?? null;
  // A notice covers this pull only if it is about THIS advance (sent after it went out), for
  // this exact amount, already sent, and not so old the customer may have forgotten it.
  const noticeCovers =
    notice !== null &&
    notice.amountCents === amount &&
    compareDates(notice.sentOn, advance.disbursedOn) >= 0 &&
    compareDates(notice.sentOn, today) <= 0 &&
    daysBetween(notice.sentOn, today) <= policy.noticeValidDays;
  // An ACH debit settles on a banking day: a payday the Fed is closed on is pulled the next one.
  const pullDay = onOrAfterBankingDay(due.dueDate);
  if (!notice || !noticeCovers) {
    const earliestPull = addBankingDays(today, policy.noticeLeadDays);
    if (compareDates(earliestPull, pullDay) < 0) {
      return out('none', 'REPAYMENT_NOT_DUE', `The repayment of ${formatCents(amount)} is due on ${due.dueDate}.`, details);
    }
    const scheduledFor = maxDate(pullDay, earliestPull);
    return out(
      'none',
      'REPAYMENT_NOTICE_REQUIRED',
      `Tell the customer that ${formatCents(amount)} will be collected on ${scheduledFor}; it can be pulled ${policy.noticeLeadDays} banking days after the notice.`,
      { ...details, collectFrom: scheduledFor },
      { notice: { amountCents: amount, scheduledFor } },
    );
  }
  const scheduled = maxDate(pullDay, notice.scheduledFor);
  const collectFrom = maxDate(scheduled, addBankingDays(notice.sentOn, policy.noticeLeadDays));
  details.collectFrom = collectFrom;
  if (compareDates(today, scheduled) < 0) {
    return out('none', 'REPAYMENT_NOT_DUE', `The repayment of ${formatCents(amount)} is scheduled for ${scheduled}; the customer has been told.`, details);
  }
  if (compareDates(today, collectFrom) < 0) {
    return out('none', 'REPAYMENT_NOTICE_TOO_RECENT', `The notice was sent on ${notice.sentOn}; the repayment can be pulled from ${collectFrom}.`, details);
  }

  if (attempt?.outcome === 'returned') {
    // Presenting again on the same money that just bounced would bounce again: wait for income.
    const newIncome = input.income.depositDates.some((d) => compareDates(d, attempt.on) > 0 && compareDates(d, today) <= 0);
    if (!newIncome) {
      return out('none', 'AWAITING_NEXT_INCOME', `The last repayment was returned on ${attempt.on}; we try again after the next income arrives.`, details);
    }
  }
  if (attempt?.outcome === 'failed' && compareDates(attempt.on, today) >= 0) {
    return out('none', 'RETRY_NEXT_DAY', 'The last repayment attempt failed today; it is tried again from tomorrow.', details);
  }

  if (available === null) return out('none', 'BALANCE_UNAVAILABLE', 'The bank did not report a balance; a repayment is never pulled blind.', details);
  if (available - amount < policy.repaymentBufferCents) {
    const passed = compareDates(today, due.dueDate) > 0;
    return out(
      'none',
      'INSUFFICIENT_FUNDS_FOR_REPAYMENT',
      `The balance (${formatCents(available)}) does not cover the repayment of ${formatCents(amount)} plus a ${formatCents(policy.repaymentBufferCents)} buffer` +
        (passed ? '; payday passed without the funds, so we try again when the next income arrives.' : '; we wait for the income to arrive.'),
      details,
    );
  }
  const retryNote = details.retry?.allowed && details.retry.representment ? ` (Nacha re-presentment, entry description ${details.retry.companyEntryDescription})` : '';
  return out('repay', 'REPAYMENT_DUE', `Collect the repayment of ${formatCents(amount)} due on ${due.dueDate}${retryNote}.`, details, { amountCents: amount });
}

function decideAdvance(input: EvaluateInput, available: Cents | null, policy: EvaluatePolicy, out: Out): EvaluateDecision {
  const { account, today } = input;
  if (!account.approved) return out('none', 'NOT_APPROVED', 'The customer is not approved for advances.');
  if (account.limitCents <= 0) return out('none', 'LIMIT_ZERO', 'The advance limit is $0.');
  if (input.lastAdvanceReturn) {
    return out(
      'none',
      'ADVANCE_BLOCKED_BY_RETURN',
      `The last advance was returned on ${input.lastAdvanceReturn.on}${input.lastAdvanceReturn.returnCode ? ` (${input.lastAdvanceReturn.returnCode})` : ''}; the bank account must be checked or re-linked first.`,
    );
  }
  if (input.lastRepaidOn && daysBetween(input.lastRepaidOn, today) < policy.advanceCooldownDaysAfterRepayment) {
    return out('none', 'COOLDOWN_AFTER_REPAYMENT', `A repayment completed on ${input.lastRepaidOn}; a new advance can go out from ${addDays(input.lastRepaidOn, policy.advanceCooldownDaysAfterRepayment)}.`);
  }
  const cap = floorToWholeDollars(account.limitCents);
  if (cap < policy.minAdvanceCents) {
    return out('none', 'LIMIT_BELOW_MINIMUM', `The limit (${formatCents(account.limitCents)}) is below the smallest advance (${formatCents(policy.minAdvanceCents)}).`);
  }
  if (available === null) return out('none', 'BALANCE_UNAVAILABLE', 'The bank did not report a balance.');

  const { thresholdCents, thresholdSource } = effectiveThreshold(account.thresholdCents, policy);
  const details: EvaluateDetails = { thresholdCents, thresholdSource, availableCents: available };
  if (available >= thresholdCents) {
    return out('none', 'BALANCE_ABOVE_THRESHOLD', `The balance (${formatCents(available)}) is at or above the threshold (${formatCents(thresholdCents)}).`, details);
  }
  const needed = ceilToWholeDollars(thresholdCents - available);
  const amount = Math.min(Math.max(needed, policy.minAdvanceCents), cap);
  assertCents(amount, 'advance amount');
  const capped = amount < needed ? ` (capped at the ${formatCents(cap)} limit)` : '';
  return out(
    'advance',
    'BALANCE_BELOW_THRESHOLD',
    `The balance (${formatCents(available)}) is below the threshold (${formatCents(thresholdCents)}): advance ${formatCents(amount)}${capped}.`,
    details,
    { amountCents: amount },
  );
}

/** The customer's threshold within the policy bounds, else the default. */
export function effectiveThreshold(
  chosen: Cents | null | undefined,
  policy: EvaluatePolicy = DEFAULT_EVALUATE_POLICY,
): { thresholdCents: Cents; thresholdSource: NonNullable<EvaluateDetails['thresholdSource']> } {
  if (chosen === null || chosen === undefined) return { thresholdCents: policy.defaultThresholdCents, thresholdSource: 'default' };
  assertCents(chosen, 'threshold');
  // Out-of-bounds values are clamped, not ignored: the customer asked for "more" or "less".
  // The API validates the bounds; this is the last line of defence.
  const clamped = Math.min(policy.maxThresholdCents, Math.max(policy.minThresholdCents, chosen));
  return { thresholdCents: clamped, thresholdSource: clamped === chosen ? 'customer' : 'customer_out_of_bounds' };
}

/** Available balance (it already subtracts pending debits); current only when the bank gives no available. */
function effectiveBalance(input: EvaluateInput): Cents | null {
  if (!input.balance) return null;
  return input.balance.availableCents ?? input.balance.currentCents ?? null;
}

function validate(input: EvaluateInput): void {
  assertIsoDate(input.today, 'today');
  assertCents(input.account.limitCents, 'limit');
  if (input.balance?.availableCents != null) assertCents(input.balance.availableCents, 'available balance');
  if (input.balance?.currentCents != null) assertCents(input.balance.currentCents, 'current balance');
  if (input.advance) {
    assertCents(input.advance.outstandingCents, 'outstanding advance');
    assertIsoDate(input.advance.disbursedOn, 'advance disbursedOn');
  }
  for (const d of input.income.depositDates) assertIsoDate(d, 'income deposit date');
  if (input.repaymentNotice) {
    assertIsoDate(input.repaymentNotice.sentOn, 'notice sentOn');
    assertIsoDate(input.repaymentNotice.scheduledFor, 'notice scheduledFor');
    assertCents(input.repaymentNotice.amountCents, 'notice amount');
  }
  if (input.lastRepaymentAttempt) assertIsoDate(input.lastRepaymentAttempt.on, 'last attempt date');
  if (input.lastRepaidOn) assertIsoDate(input.lastRepaidOn, 'lastRepaidOn');
}
