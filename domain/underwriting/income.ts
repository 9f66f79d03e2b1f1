/**
 * Recurring income: group deposits by who sent them, then ask which pay calendar explains the
 * dates best.
 *
 * For each group we try every regular cadence (weekly, biweekly, semimonthly, monthly): infer the
 * schedule from the dates (phase, 1st/15th or 15th/last, day of month), then measure how well it
 * fits: share of deposits on schedule, share of expected paydays that had a deposit (coverage),
 * mean distance from schedule. Among the cadences that fit, the closest wins. Trying calendars
 * instead of bucketing gaps is what tells biweekly (always 14 days) from semimonthly (13-18 days,
 * anchored to dates of the month), which gap statistics alone confuse.
 *
 * A labelled income group that fits no calendar but keeps arriving (gig platforms) is
 * `irregular` income: counted, but capped by the decision rules.
 */
import { IsoDate, addDays, compareDates, daysBetween } from '../dates';
import { Cents, mulDivRound } from '../money';
import {
  CADENCE_PERIOD_DAYS,
  PAYCHECKS_PER_YEAR,
  REGULAR_CADENCES,
  RegularCadence,
  distanceToSchedule,
  inferSchedule,
  medianGapDays,
  scheduledPaydays,
} from '../payday';
import { counterpartyOf, incomeKindOf, isIncomeCandidate, isLabeledIncome } from './counterparty';
import type { IncomePolicy } from './policy';
import type { BankTransaction, IncomeKind, IncomeStability, IncomeStream } from './types';

/** One day's deposits from one counterparty (split paychecks on the same day are one payday). */
interface Deposit {
  date: IsoDate;
  amountCents: Cents;
}

/** Deposits at which a cadence's count stops lowering confidence. */
const FULL_CONFIDENCE_COUNT: Record<RegularCadence, number> = { weekly: 8, biweekly: 5, semimonthly: 5, monthly: 3 };
/** Confidence multiplier for a stream the bank never called income. */
const UNLABELED_FACTOR = 0.85;

export interface DetectIncomeOptions {
  asOf: IsoDate;
  /** Days of history considered (the lookback window). */
  lookbackDays: number;
  /** Days we actually have history for (<= lookbackDays): the denominator of irregular monthly income. */
  observedDays: number;
  policy: IncomePolicy;
}

/** Income streams in posted transactions, largest monthly amount first. */
export function detectIncomeStreams(transactions: readonly BankTransaction[], options: DetectIncomeOptions): IncomeStream[] {
  const { asOf, lookbackDays, policy } = options;
  const groups = new Map<string, BankTransaction[]>();
  for (const tx of transactions) {
    if (compareDates(tx.date, asOf) > 0 || daysBetween(tx.date, asOf) >= lookbackDays) continue;
    if (!isIncomeCandidate(tx, policy)) continue;
    const key = counterpartyOf(tx);
    groups.set(key, [...(groups.get(key) ?? []), tx]);
  }
  const streams: IncomeStream[] = [];
  for (const [source, txs] of groups) {
    const stream = streamOf(source, txs, options);
    if (stream) streams.push(stream);
  }
  return streams.sort((a, b) => b.monthlyAmountCents - a.monthlyAmountCents || (a.source < b.source ? -1 : 1));
}

function streamOf(source: string, txs: BankTransaction[], options: DetectIncomeOptions): IncomeStream | null {
  const { policy, asOf } = options;
  const deposits = mergeSameDay(txs);
  const dates = deposits.map((d) => d.date);
  const labeledAsIncome = txs.some((t) => isLabeledIncome(t, policy));
  const kind = dominantKind(txs, policy);

  const fit = bestRegularFit(deposits, policy);
  if (fit) {
    const onSchedule = deposits.filter((_, i) => fit.deviations[i] <= policy.dateToleranceDays[fit.cadence]);
    const amounts = onSchedule.map((d) => d.amountCents);
    const amountCents = median(amounts);
    const amountCv = coefficientOfVariation(amounts);
    const last = dates[dates.length - 1];
    const staleAfter = CADENCE_PERIOD_DAYS[fit.cadence] + policy.dateToleranceDays[fit.cadence] + policy.staleGraceDays;
    const amountFactor = clamp(1 - Math.max(0, amountCv - 0.1), 0.5, 1);
    const countFactor = Math.min(1, deposits.length / FULL_CONFIDENCE_COUNT[fit.cadence]);
    return {
      source,
      kind,
      cadence: fit.cadence,
      amountCents,
      monthlyAmountCents: mulDivRound(amountCents, PAYCHECKS_PER_YEAR[fit.cadence], 12),
      depositCount: deposits.length,
      depositDates: dates,
      lastDepositDate: last,
      amountCv: round2(amountCv),
      meanDateDeviationDays: round2(fit.meanDeviation),
      scheduleCoverage: round2(fit.coverage),
      labeledAsIncome,
      active: daysBetween(last, asOf) <= staleAfter,
      confidence: round2(fit.coverage * fit.onScheduleShare * amountFactor * countFactor * (labeledAsIncome ? 1 : UNLABELED_FACTOR)),
    };
  }

  // No calendar fits. Only money the bank or the description calls income counts as irregular
  // income: a friend's occasional Venmo is not a paycheck.
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (!labeledAsIncome || deposits.length < policy.minIrregularDeposits || daysBetween(first, last) < policy.minIrregularSpanDays) {
    return null;
  }
  const amounts = deposits.map((d) => d.amountCents);
  const total = amounts.reduce((s, a) => s + a, 0);
  const gap = medianGapDays(dates) ?? options.lookbackDays;
  return {
    source,
    kind,
    cadence: 'irregular',
    amountCents: median(amounts),
    monthlyAmountCents: mulDivRound(total, 30, Math.max(30, Math.min(options.lookbackDays, options.observedDays))),
    depositCount: deposits.length,
    depositDates: dates,
    lastDepositDate: last,
    amountCv: round2(coefficientOfVariation(amounts)),
    meanDateDeviationDays: 0,
    scheduleCoverage: 0,
    labeledAsIncome,
    active: daysBetween(last, asOf) <= Math.max(14, 2 * gap),
    confidence: round2(0.5 * Math.min(1, deposits.length / 12)),
  };
}

interface RegularFit {
  cadence: RegularCadence;
  /** Distance of each deposit (same order) from its nearest scheduled payday. */
  deviations: number[];
  onScheduleShare: number;
  coverage: number;
  meanDeviation: number;
}

/** The regular cadence that fits best, or null when none fits. Exported for tests and explanations. */
export function bestRegularFit(deposits: readonly Deposit[], policy: IncomePolicy): RegularFit | null {
  let best: RegularFit | null = null;
  for (const cadence of REGULAR_CADENCES) {
    const fit = fitCadence(cadence, deposits, policy);
    if (!fit) continue;
    if (!best || fit.meanDeviation < best.meanDeviation) best = fit;
  }
  return best;
}

function fitCadence(cadence: RegularCadence, deposits: readonly Deposit[], policy: IncomePolicy): RegularFit | null {
  if (deposits.length < policy.minOccurrences[cadence]) return null;
  const dates = deposits.map((d) => d.date);
  const schedule = inferSchedule(cadence, dates);
  if (!schedule) return null;
  const tolerance = policy.dateToleranceDays[cadence];
  const deviations = dates.map((d) => distanceToSchedule(schedule, d));
  const onScheduleShare = deviations.filter((d) => d <= tolerance).length / dates.length;
  const expected = scheduledPaydays(schedule, addDays(dates[0], -tolerance), addDays(dates[dates.length - 1], tolerance));
  const matched = expected.filter((p) => dates.some((d) => Math.abs(daysBetween(p, d)) <= tolerance)).length;
  const coverage = expected.length === 0 ? 0 : matched / expected.length;
  const meanDeviation = deviations.reduce((s, d) => s + d, 0) / deviations.length;
  const fits =
    onScheduleShare >= policy.minOnScheduleShare && coverage >= policy.minCoverage && meanDeviation <= policy.maxMeanDeviationDays;
  return fits ? { cadence, deviations, onScheduleShare, coverage, meanDeviation } : null;
}

/** Stability of the main stream: how much a customer can count on the next paycheck. */
export function incomeStabilityOf(stream: IncomeStream | null, policy: IncomePolicy): IncomeStability {
  if (!stream) return 'none';
  if (stream.cadence === 'irregular') return 'irregular';
  if (stream.amountCv <= policy.stableMaxAmountCv) return 'stable';
  if (stream.amountCv <= policy.variableMaxAmountCv) return 'variable';
  return 'irregular';
}

function mergeSameDay(txs: BankTransaction[]): Deposit[] {
  const byDate = new Map<IsoDate, Cents>();
  for (const t of txs) byDate.set(t.date, (byDate.get(t.date) ?? 0) - t.amountCents); // deposits are negative in Plaid's sign
  return Array.from(byDate, ([date, amountCents]) => ({ date, amountCents })).sort((a, b) => compareDates(a.date, b.date));
}

function dominantKind(txs: BankTransaction[], policy: IncomePolicy): IncomeKind {
  const kinds = txs.map((t) => incomeKindOf(t, policy));
  for (const k of ['gig', 'payroll', 'benefits'] as const) if (kinds.includes(k)) return k;
  return 'other';
}

/** Median of integer cents, rounded to a cent (half away from zero) for an even count. */
function median(values: readonly Cents[]): Cents {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : mulDivRound(sorted[mid - 1] + sorted[mid], 1, 2);
}

/** Population standard deviation / mean; 0 for fewer than two values. A ratio, not money: floats are fine. */
function coefficientOfVariation(values: readonly Cents[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  if (mean === 0) return 0;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  return Math.sqrt(variance) / mean;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
