/**
 * ACH banking days: the days the Federal Reserve's payment services (FedACH) are open. Not
 * Saturdays, not Sundays, and not the Fed's holidays, which are COMPUTED from their rules here
 * (never listed by hand for one year, so the calendar cannot run out):
 *
 *   New Year's Day           January 1
 *   Birthday of M. L. King   third Monday of January
 *   Washington's Birthday    third Monday of February
 *   Memorial Day             last Monday of May
 *   Juneteenth               June 19 (a legal holiday from 2021)
 *   Independence Day         July 4
 *   Labor Day                first Monday of September
 *   Columbus Day             second Monday of October
 *   Veterans Day             November 11
 *   Thanksgiving Day         fourth Thursday of November
 *   Christmas Day            December 25
 *
 * The Fed's own rule for fixed-date holidays (federalreserve.gov / richmondfed.org holiday
 * schedule): "If any of these holidays falls on a Saturday, Federal Reserve Banks will be open the
 * preceding Friday. If the holiday falls on a Sunday, Federal Reserve Banks will be closed the
 * following Monday." So a Sunday holiday closes Monday, and a Saturday holiday closes nothing extra
 * (unlike the federal government, which closes the Friday before).
 *
 * Pure integer arithmetic on ISO dates (./dates.ts): safe in workflows and on replay.
 */
import { IsoDate, addDays, dateParts, dayOfWeek, isWeekend, makeDate, daysInMonth, compareDates } from './dates';

/** Juneteenth National Independence Day became a legal public holiday on 2021-06-17. */
const JUNETEENTH_FIRST_YEAR = 2021;

/** The `n`th (1-based) given weekday (0 = Sunday) of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): IsoDate {
  const first = makeDate(year, month, 1);
  const offset = (weekday - dayOfWeek(first) + 7) % 7;
  return addDays(first, offset + (n - 1) * 7);
}

/** The last given weekday of a month. */
function lastWeekday(year: number, month: number, weekday: number): IsoDate {
  const last = makeDate(year, month, daysInMonth(year, month));
  return addDays(last, -((dayOfWeek(last) - weekday + 7) % 7));
}

/** A fixed-date holiday as the Fed observes it: Sunday moves to Monday; Saturday is not moved. */
function observedFixed(year: number, month: number, day: number): IsoDate | null {
  const d = makeDate(year, month, day);
  const dow = dayOfWeek(d);
  if (dow === 0) return addDays(d, 1);
  if (dow === 6) return null; // The Fed stays open the Friday before, and Saturday is closed anyway.
  return d;
}

/** Weekdays on which the Federal Reserve Banks are closed in `year`, in date order. */
export function fedHolidayClosures(year: number): IsoDate[] {
  const fixed: [number, number][] = [
    [1, 1],
    ...(year >= JUNETEENTH_FIRST_YEAR ? ([[6, 19]] as [number, number][]) : []),
    [7, 4],
    [11, 11],
    [12, 25],
  ];
  const out: IsoDate[] = [
    nthWeekday(year, 1, 1, 3), // Martin Luther King, Jr.
    nthWeekday(year, 2, 1, 3), // Washington's Birthday
    lastWeekday(year, 5, 1), // Memorial Day
    nthWeekday(year, 9, 1, 1), // Labor Day
    nthWeekday(year, 10, 1, 2), // Columbus Day
    nthWeekday(year, 11, 4, 4), // Thanksgiving Day
  ];
  for (const [m, d] of fixed) {
    const observed = observedFixed(year, m, d);
    if (observed) out.push(observed);
  }
  return out.sort(compareDates);
}

const closuresByYear = new Map<number, ReadonlySet<IsoDate>>();
function closures(year: number): ReadonlySet<IsoDate> {
  let set = closuresByYear.get(year);
  if (!set) {
    set = new Set(fedHolidayClosures(year));
    closuresByYear.set(year, set);
  }
  return set;
}

/** A weekday on which the Fed is closed for a holiday. */
export function isFedHoliday(date: IsoDate): boolean {
  return closures(dateParts(date).year).has(date);
}

/** A day on which ACH entries settle: Monday to Friday, not a Fed holiday. */
export function isBankingDay(date: IsoDate): boolean {
  return !isWeekend(date) && !isFedHoliday(date);
}

/** The date itself when it is a banking day, else the next banking day. */
export function onOrAfterBankingDay(date: IsoDate): IsoDate {
  let d = date;
  while (!isBankingDay(d)) d = addDays(d, 1);
  return d;
}

/**
 * `n` banking days after `date` (n >= 0); from a non-banking day, counting starts at the next
 * banking day ("two banking days after Saturday" is Tuesday, as a bank counts it).
 * n = 0 gives the first banking day on or after `date`.
 */
export function addBankingDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`banking days to add must be a whole number >= 0, got ${n}`);
  // Step day by day, counting only banking days.
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isBankingDay(d)) left -= 1;
  }
  return onOrAfterBankingDay(d);
}

/** Banking days strictly after `from` up to and including `to` (0 when `to` is not later). */
export function bankingDaysBetween(from: IsoDate, to: IsoDate): number {
  let n = 0;
  for (let d = addDays(from, 1); compareDates(d, to) <= 0; d = addDays(d, 1)) if (isBankingDay(d)) n += 1;
  return n;
}
