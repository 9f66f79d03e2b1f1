/**
 * Underwriting: bank history (+ identity check, + consumer report) -> approve or decline, a
 * limit in whole tiers, and the reasons. Pure: the same input and policy give the same decision
 * on every replay, so the Apply workflow may call it directly.
 *
 * The decision has two layers, like a person would reason:
 * 1. Knock-outs: anything that makes an advance wrong at any size (not the owner, no checking
 *    account, no income, chronic overdrafts, ...). Every failing one is listed.
 * 2. Sizing: the highest tier the income and average balance support, then caps for risks that
 *    call for a small advance rather than none (irregular income, some overdrafts, report flags).
 *    When the limit ends below the top tier, the reasons are the constraints that set it there.
 */
import { IsoDate, addDays, compareDates, daysBetween } from '../dates';
import { Cents, assertCents } from '../money';
import { nextPayday } from '../payday';
import { averageDailyBalance, minimumDailyBalance, postedTransactions, primaryAccount, reconstructDailyBalances, startingBalance } from './balances';
import { isOtherCashAdvance } from './counterparty';
import { identityStatus } from './identity';
import { detectIncomeStreams, incomeStabilityOf } from './income';
import { overdraftFeatures } from './overdrafts';
import { DEFAULT_UNDERWRITING_POLICY, UNDERWRITING_MODEL_VERSION, UnderwritingPolicy, maxTierLimitCents } from './policy';
import { ReasonContext, reason, sortReasons } from './reasons';
import type {
  IncomeStream,
  IncomeSummary,
  Reason,
  UnderwritingDecision,
  UnderwritingFeatures,
  UnderwritingInput,
  UnderwritingReasonCode,
} from './types';

export interface DerivedFeatures {
  features: UnderwritingFeatures;
  /** The largest active income stream, the one repayments are timed on. */
  mainStream: IncomeStream | null;
}

/**
 * Everything underwriting looks at, derived from the input. Stored whole with the decision.
 * Balances, overdrafts and income are read on the primary account only: it is the account
 * advances go to and repayments come from, so its paydays are the ones that matter.
 */
export function deriveFeatures(input: UnderwritingInput, policy: UnderwritingPolicy = DEFAULT_UNDERWRITING_POLICY): DerivedFeatures {
  const { history } = input;
  const asOf = history.asOf;
  const account = primaryAccount(history);
  const posted = account ? postedTransactions(history.transactions, account.account_id, asOf) : [];
  const inLookback = posted.filter((t) => daysBetween(t.date, asOf) < policy.lookbackDays);
  const oldest = posted[0]?.date ?? null;
  const accountAgeDays = oldest ? daysBetween(oldest, asOf) + 1 : 0;
  const balanceNow = account ? startingBalance(account) : null;
  const balances = balanceNow === null ? [] : reconstructDailyBalances(balanceNow, posted, asOf, policy.lookbackDays);
  const observedDays = balances.length;
  const overdrafts = overdraftFeatures(balances, posted, asOf, 90);

  const streams = detectIncomeStreams(posted, { asOf, lookbackDays: policy.lookbackDays, observedDays: Math.max(observedDays, 1), policy: policy.income });
  const active = streams.filter((s) => s.active);
  const mainStream = [...active].sort(byRegularThenAmount)[0] ?? null;
  const lastIncomeDate = streams.reduce<IsoDate | null>((max, s) => (max === null || compareDates(s.lastDepositDate, max) > 0 ? s.lastDepositDate : max), null);

  let totalDeposits = 0;
  let totalSpend = 0;
  let otherCashAdvances = 0;
  for (const t of inLookback) {
    if (daysBetween(t.date, asOf) >= 90) continue;
    if (isOtherCashAdvance(t, policy.income)) otherCashAdvances++;
    if (t.amountCents < 0) totalDeposits -= t.amountCents;
    else totalSpend += t.amountCents;
  }
  assertCents(totalDeposits, 'total deposits');
  assertCents(totalSpend, 'total spend');

  const features: UnderwritingFeatures = {
    primaryAccountId: account?.account_id ?? null,
    primaryAccountSubtype: account?.subtype ?? null,
    currentBalanceCents: account?.balances.currentCents ?? null,
    availableBalanceCents: account?.balances.availableCents ?? null,
    accountAgeDays,
    observedDays,
    postedTransactionCount: inLookback.length,
    averageDailyBalance30Cents: averageDailyBalance(balances, asOf, 30),
    averageDailyBalance90Cents: averageDailyBalance(balances, asOf, 90),
    minimumDailyBalance90Cents: minimumDailyBalance(balances.filter((b) => daysBetween(b.date, asOf) < 90)),
    negativeBalanceDays90: overdrafts.negativeBalanceDays,
    negativeBalanceEpisodes90: overdrafts.negativeBalanceEpisodes,
    overdraftFeeCount90: overdrafts.overdraftFeeCount,
    nsfFeeCount90: overdrafts.nsfFeeCount,
    overdraftIncidents90: overdrafts.incidents,
    otherCashAdvanceDeposits90: otherCashAdvances,
    totalDeposits90Cents: totalDeposits,
    totalSpend90Cents: totalSpend,
    incomeStreams: streams,
    monthlyIncomeCents: active.reduce((s, x) => s + x.monthlyAmountCents, 0),
    // Stability is judged on the LARGEST stream: a small steady side income does not make
    // mostly-gig earnings predictable.
    incomeStability: incomeStabilityOf(active[0] ?? null, policy.income),
    lastIncomeDate,
    identity: identityStatus(input.identity, policy.identity),
    consumerReportProvider: input.consumerReport?.provider ?? null,
    consumerReportScore: input.consumerReport?.score ?? null,
    consumerReportFlags: [...(input.consumerReport?.flags ?? [])],
  };
  return { features, mainStream };
}

/** Regular streams before irregular ones (repayments need a calendar), then the larger amount. */
function byRegularThenAmount(a: IncomeStream, b: IncomeStream): number {
  const ra = a.cadence === 'irregular' ? 1 : 0;
  const rb = b.cadence === 'irregular' ? 1 : 0;
  return ra - rb || b.monthlyAmountCents - a.monthlyAmountCents || (a.source < b.source ? -1 : 1);
}

/** Decide. `policy` defaults to DEFAULT_UNDERWRITING_POLICY; its version is stored on the decision. */
export function underwrite(input: UnderwritingInput, policy: UnderwritingPolicy = DEFAULT_UNDERWRITING_POLICY): UnderwritingDecision {
  const { features, mainStream } = deriveFeatures(input, policy);
  const asOf = input.history.asOf;
  const ctx: ReasonContext = {
    reducedOnly: false,
    minAccountAgeDays: policy.minAccountAgeDays,
    accountAgeDays: features.accountAgeDays,
    overdraftIncidents: features.overdraftIncidents90,
    otherCashAdvances: features.otherCashAdvanceDeposits90,
    averageDailyBalance30Cents: features.averageDailyBalance30Cents,
    monthlyIncomeCents: features.monthlyIncomeCents,
    consumerReportProvider: features.consumerReportProvider,
    lastIncomeDate: features.lastIncomeDate,
  };

  const knockouts = knockoutReasons(features, mainStream, policy, input).map((code) => reason(code, ctx));
  const income = incomeSummary(mainStream);
  const upcomingPayday = mainStream ? nextPayday({ cadence: mainStream.cadence, depositDates: mainStream.depositDates, after: asOf }) : null;
  const base = {
    modelVersion: UNDERWRITING_MODEL_VERSION,
    policyVersion: policy.version,
    asOf,
    features,
    nextPayday: upcomingPayday,
    income,
  };
  if (knockouts.length > 0) {
    return { ...base, approved: false, limitCents: 0, reasons: sortReasons(knockouts) };
  }

  const sizing = sizeLimit(features, policy);
  const reducedCtx = { ...ctx, reducedOnly: sizing.limitCents > 0 };
  return {
    ...base,
    approved: sizing.limitCents > 0,
    limitCents: sizing.limitCents,
    reasons: sortReasons(sizing.bindingReasons.map((code) => reason(code, reducedCtx))),
  };
}

function knockoutReasons(
  f: UnderwritingFeatures,
  mainStream: IncomeStream | null,
  policy: UnderwritingPolicy,
  input: UnderwritingInput,
): UnderwritingReasonCode[] {
  const out: UnderwritingReasonCode[] = [];
  if (f.identity === 'mismatch') out.push('IDENTITY_MISMATCH');
  // "Could not verify" (no check, or the bank had no owner name) only declines when the policy
  // requires verification; a positive mismatch always does.
  if ((f.identity === 'unverified' || f.identity === 'not_checked') && policy.identity.required) out.push('IDENTITY_UNVERIFIED');

  const flags = new Set(f.consumerReportFlags.map((x) => x.toUpperCase()));
  if (policy.consumerReport.declineFlags.some((x) => flags.has(x.toUpperCase()))) out.push('CONSUMER_REPORT_FLAG');
  const minScore = policy.consumerReport.minScore;
  // No score at all (a thin file) is not held against anyone: cash advances rest on bank data.
  if (minScore !== null && f.consumerReportScore !== null && f.consumerReportScore < minScore) out.push('CONSUMER_REPORT_SCORE');

  const account = f.primaryAccountId ? input.history.accounts.find((a) => a.account_id === f.primaryAccountId) : undefined;
  if (!account || account.type !== 'depository') {
    out.push('NO_CHECKING_ACCOUNT');
    return out; // nothing below means anything without the account
  }
  if (f.currentBalanceCents === null && f.availableBalanceCents === null) out.push('BALANCE_UNAVAILABLE');
  if (f.postedTransactionCount < policy.minPostedTransactions) out.push('INSUFFICIENT_HISTORY');
  if (f.accountAgeDays < policy.minAccountAgeDays) out.push('ACCOUNT_TOO_NEW');

  if (!mainStream) {
    out.push(f.incomeStreams.length > 0 ? 'NO_RECENT_INCOME' : 'NO_RECURRING_INCOME');
  } else if (f.monthlyIncomeCents < lowestTierMinimum(policy, 'minMonthlyIncomeCents')) {
    out.push('INSUFFICIENT_INCOME');
  }
  if (f.overdraftIncidents90 >= policy.overdraft.declineAtIncidents) out.push('FREQUENT_OVERDRAFTS');
  if (f.averageDailyBalance30Cents !== null && f.averageDailyBalance30Cents < lowestTierMinimum(policy, 'minAverageDailyBalance30Cents')) {
    out.push('LOW_AVERAGE_BALANCE');
  }
  return out;
}

function lowestTierMinimum(policy: UnderwritingPolicy, field: 'minMonthlyIncomeCents' | 'minAverageDailyBalance30Cents'): Cents {
  const positive = policy.tiers.filter((t) => t.limitCents > 0);
  return positive.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...positive.map((t) => t[field]));
}

interface Constraint {
  limitCents: Cents;
  codes: UnderwritingReasonCode[];
}

/** Tier from income and balance, then the caps; the reasons are the constraints that bind. */
function sizeLimit(f: UnderwritingFeatures, policy: UnderwritingPolicy): { limitCents: Cents; bindingReasons: UnderwritingReasonCode[] } {
  const top = maxTierLimitCents(policy);
  const income = f.monthlyIncomeCents;
  const balance = f.averageDailyBalance30Cents ?? 0;
  const best = (ok: (t: UnderwritingPolicy['tiers'][number]) => boolean) =>
    policy.tiers.filter(ok).reduce((m, t) => Math.max(m, t.limitCents), 0);
  const byIncome = best((t) => income >= t.minMonthlyIncomeCents);
  const byBalance = best((t) => balance >= t.minAverageDailyBalance30Cents);
  const tier = best((t) => income >= t.minMonthlyIncomeCents && balance >= t.minAverageDailyBalance30Cents);

  const constraints: Constraint[] = [];
  const tierCodes: UnderwritingReasonCode[] = [];
  if (byIncome <= tier) tierCodes.push('INSUFFICIENT_INCOME');
  if (byBalance <= tier) tierCodes.push('LOW_AVERAGE_BALANCE');
  // Non-monotone tier tables can make neither factor alone binding: then both explain it.
  constraints.push({ limitCents: tier, codes: tierCodes.length > 0 ? tierCodes : ['INSUFFICIENT_INCOME', 'LOW_AVERAGE_BALANCE'] });

  if (f.incomeStability === 'irregular') constraints.push({ limitCents: policy.irregularIncomeLimitCapCents, codes: ['IRREGULAR_INCOME'] });
  if (f.overdraftIncidents90 >= policy.overdraft.capAtIncidents) constraints.push({ limitCents: policy.overdraft.capLimitCents, codes: ['FREQUENT_OVERDRAFTS'] });
  if (f.otherCashAdvanceDeposits90 >= policy.otherCashAdvances.capAtDeposits) {
    constraints.push({ limitCents: policy.otherCashAdvances.capLimitCents, codes: ['OTHER_CASH_ADVANCES'] });
  }
  const flags = new Set(f.consumerReportFlags.map((x) => x.toUpperCase()));
  if (policy.consumerReport.capFlags.some((x) => flags.has(x.toUpperCase()))) {
    constraints.push({ limitCents: policy.consumerReport.capLimitCents, codes: ['CONSUMER_REPORT_FLAG'] });
  }

  const limitCents = Math.min(...constraints.map((c) => c.limitCents));
  assertCents(limitCents, 'limit');
  if (limitCents >= top) return { limitCents, bindingReasons: [] };
  const binding = constraints.filter((c) => c.limitCents === limitCents).flatMap((c) => c.codes);
  return { limitCents, bindingReasons: binding };
}

function incomeSummary(stream: IncomeStream | null): IncomeSummary {
  if (!stream) return { cadence: 'none', amountCents: 0, monthlyAmountCents: 0, source: null, confidence: 0, depositDates: [] };
  return {
    cadence: stream.cadence,
    amountCents: stream.amountCents,
    monthlyAmountCents: stream.monthlyAmountCents,
    source: stream.source,
    confidence: stream.confidence,
    depositDates: stream.depositDates,
  };
}

/** First day of the lookback window: how far back the Apply process must fetch transactions. */
export function lookbackStart(asOf: IsoDate, policy: UnderwritingPolicy = DEFAULT_UNDERWRITING_POLICY): IsoDate {
  return addDays(asOf, -(policy.lookbackDays - 1));
}

export type { Reason };
