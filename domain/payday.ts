/**
 * Pay schedules: which days a customer gets paid, inferred from the deposits we have seen, and
 * the next payday after a given date. Shared by underwriting (the first expected repayment date)
 * and the evaluate rules (the payday refreshed from new income deposits).
 *
 * Conventions, chosen because they are what US payroll does most often:
 * - weekly / biweekly paydays repeat every 7 / 14 days from an observed payday, so weekends never
 *   arise (the observed phase already falls on a weekday);
 * - semimonthly (1st & 15th, or 15th & last day) and monthly paydays that fall on a weekend are
 *   paid the business day BEFORE. Employers that pay the day after are one or two days off,
 *   which the detection tolerance absorbs and the repayment balance check makes harmless.
 */
import {
  IsoDate,
  addDays,
  clampedDayOfMonth,
  compareDates,
  dateParts,
  daysBetween,
  daysInMonth,
  endOfMonth,
  makeDate,
  onOrBeforeBusinessDay,
  startOfMonthOffset,
  toDayNumber,
} from './dates';

export type RegularCadence = 'weekly' | 'biweekly' | 'semimonthly' | 'monthly';
/** `irregular`: income keeps arriving but on no calendar; `none`: no income found. */
export type IncomeCadence = RegularCadence | 'irregular' | 'none';

export const REGULAR_CADENCES: readonly RegularCadence[] = ['weekly', 'biweekly', 'semimonthly', 'monthly'];

/** Nominal days between paydays, used for staleness checks and monthly equivalents. */
export const CADENCE_PERIOD_DAYS: Readonly<Record<RegularCadence, number>> = {
  weekly: 7,
  biweekly: 14,
  semimonthly: 15,
  monthly: 30,
};

/** Paychecks per year, for monthly-income estimates (x / 12). */
export const PAYCHECKS_PER_YEAR: Readonly<Record<RegularCadence, number>> = {
  weekly: 52,
  biweekly: 26,
  semimonthly: 24,
  monthly: 12,
};

export type PaySchedule =
  /** Every 7 or 14 days from `anchor`, a payday that was (or would have been) paid. */
  | { cadence: 'weekly' | 'biweekly'; anchor: IsoDate }
  | { cadence: 'semimonthly'; days: 'first_and_fifteenth' | 'fifteenth_and_last' }
  | { cadence: 'monthly'; dayOfMonth: number | 'last' };

/** Paydays of a schedule between `from` and `to` inclusive, oldest first. */
export function scheduledPaydays(schedule: PaySchedule, from: IsoDate, to: IsoDate): IsoDate[] {
  if (compareDates(from, to) > 0) return [];
  if (schedule.cadence === 'weekly' || schedule.cadence === 'biweekly') {
    const period = CADENCE_PERIOD_DAYS[schedule.cadence];
    const offset = daysBetween(schedule.anchor, from);
    const firstStep = Math.ceil(offset / period);
    const out: IsoDate[] = [];
    for (let d = addDays(schedule.anchor, firstStep * period); compareDates(d, to) <= 0; d = addDays(d, period)) out.push(d);
    return out;
  }
  // Calendar schedules: walk month by month from the month before `from` (a 1st-of-month payday
  // moved back to the previous month's last Friday must still be found) to the month after `to`.
  const out: IsoDate[] = [];
  const last = startOfMonthOffset(to, 1);
  for (let month = startOfMonthOffset(from, -1); compareDates(month, last) <= 0; month = startOfMonthOffset(month, 1)) {
    for (const nominal of nominalPaydaysInMonth(schedule, month)) {
      const paid = onOrBeforeBusinessDay(nominal);
      if (compareDates(paid, from) >= 0 && compareDates(paid, to) <= 0) out.push(paid);
    }
  }
  return Array.from(new Set(out)).sort(compareDates);
}

function nominalPaydaysInMonth(schedule: PaySchedule, firstOfMonth: IsoDate): IsoDate[] {
  const { year, month } = dateParts(firstOfMonth);
  if (schedule.cadence === 'semimonthly') {
    return schedule.days === 'first_and_fifteenth'
      ? [makeDate(year, month, 1), makeDate(year, month, 15)]
      : [makeDate(year, month, 15), endOfMonth(firstOfMonth)];
  }
  if (schedule.cadence === 'monthly') {
    const day = schedule.dayOfMonth === 'last' ? daysInMonth(year, month) : schedule.dayOfMonth;
    return [clampedDayOfMonth(year, month, day)];
  }
  return [];
}

/** Days from `date` to the nearest payday of the schedule (0 = on a payday). */
export function distanceToSchedule(schedule: PaySchedule, date: IsoDate): number {
  const near = scheduledPaydays(schedule, addDays(date, -40), addDays(date, 40));
  let best = Number.POSITIVE_INFINITY;
  for (const p of near) best = Math.min(best, Math.abs(daysBetween(p, date)));
  return best;
}

/**
 * The schedule of a cadence that best explains the deposit dates (the phase of a weekly pay,
 * which two days of the month, which day of the month). Null without deposits or for
 * irregular / none.
 */
export function inferSchedule(cadence: IncomeCadence, depositDates: readonly IsoDate[]): PaySchedule | null {
  const dates = sortedUnique(depositDates);
  if (dates.length === 0) return null;
  switch (cadence) {
    case 'weekly':
    case 'biweekly':
      return { cadence, anchor: bestPhaseAnchor(dates, CADENCE_PERIOD_DAYS[cadence]) };
    case 'semimonthly':
      return bestBy<PaySchedule>(
        [
          { cadence: 'semimonthly', days: 'fifteenth_and_last' },
          { cadence: 'semimonthly', days: 'first_and_fifteenth' },
        ],
        dates,
      );
    case 'monthly': {
      // Each day of the month once: a repeated day scores the same and, coming later, never wins a tie.
      const days = [...new Set(dates.map((d) => dateParts(d).day))];
      const candidates: PaySchedule[] = [{ cadence: 'monthly', dayOfMonth: 'last' }, ...days.map((day) => ({ cadence: 'monthly' as const, dayOfMonth: day }))];
      return bestBy(candidates, dates);
    }
    default:
      return null;
  }
}

/** The candidate with the smallest total distance to the deposits; the first one wins ties. */
function bestBy<T extends PaySchedule>(candidates: T[], dates: IsoDate[]): T {
  let best = candidates[0];
  let bestScore = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    let score = 0;
    for (const d of dates) score += distanceToSchedule(c, d);
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/**
 * For a fixed period, the phase (day number modulo the period) that minimises the total
 * circular distance to the deposits, so one holiday-shifted payday does not move the schedule.
 * Ties go to the latest deposit's phase. Returns the payday of that phase nearest the latest deposit.
 */
function bestPhaseAnchor(dates: IsoDate[], period: number): IsoDate {
  const residues = dates.map((d) => mod(toDayNumber(d), period));
  let bestResidue = residues[residues.length - 1];
  let bestScore = Number.POSITIVE_INFINITY;
  for (let i = residues.length - 1; i >= 0; i--) {
    const r = residues[i];
    let score = 0;
    for (const x of residues) score += circularDistance(x, r, period);
    if (score < bestScore) {
      bestScore = score;
      bestResidue = r;
    }
  }
  const latest = dates[dates.length - 1];
  return addDays(latest, signedCircularDelta(mod(toDayNumber(latest), period), bestResidue, period));
}

function mod(n: number, m: number): number {
  return ((n % m) + m) % m;
}

function circularDistance(a: number, b: number, period: number): number {
  const d = mod(a - b, period);
  return Math.min(d, period - d);
}

/** Smallest signed step from residue `from` to residue `to` (half a period steps forward). */
function signedCircularDelta(from: number, to: number, period: number): number {
  const forward = mod(to - from, period);
  return forward * 2 > period ? forward - period : forward;
}

function sortedUnique(dates: readonly IsoDate[]): IsoDate[] {
  return Array.from(new Set(dates)).sort(compareDates);
}

export interface NextPaydayInput {
  cadence: IncomeCadence;
  /** Dates of the income stream's deposits (any order; the latest matter most). */
  depositDates: readonly IsoDate[];
  /** The answer is strictly after this date (usually "today" or the advance's date). */
  after: IsoDate;
}

/**
 * The first expected payday strictly after `input.after`.
 * - regular cadences: from the schedule the deposits imply;
 * - irregular income: the latest deposit plus the median gap between deposits, stepped forward
 *   past `after` (a best guess; the evaluate rules collect only once money has actually arrived);
 * - none, or no deposits: null.
 */
export function nextPayday(input: NextPaydayInput): IsoDate | null {
  const dates = sortedUnique(input.depositDates);
  if (dates.length === 0 || input.cadence === 'none') return null;
  if (input.cadence === 'irregular') {
    const gap = medianGapDays(dates);
    if (gap === null) return null;
    const latest = dates[dates.length - 1];
    const steps = Math.max(1, Math.floor(daysBetween(latest, input.after) / gap) + 1);
    return addDays(latest, steps * gap);
  }
  const schedule = inferSchedule(input.cadence, dates);
  if (!schedule) return null;
  const upcoming = scheduledPaydays(schedule, addDays(input.after, 1), addDays(input.after, 62));
  return upcoming[0] ?? null;
}

/** Median number of days between consecutive distinct deposit dates (rounded, at least 1). */
export function medianGapDays(depositDates: readonly IsoDate[]): number | null {
  const dates = sortedUnique(depositDates);
  if (dates.length < 2) return null;
  const gaps: number[] = [];
  for (let i = 1; i < dates.length; i++) gaps.push(daysBetween(dates[i - 1], dates[i]));
  gaps.sort((a, b) => a - b);
  const mid = Math.floor(gaps.length / 2);
  const median = gaps.length % 2 === 1 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
  return Math.max(1, Math.round(median));
}
