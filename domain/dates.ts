/**
 * Calendar arithmetic on ISO dates ('YYYY-MM-DD'), done with integers only.
 *
 * WHY no `Date`: these rules run inside Temporal workflows and must give the same answer on
 * every replay, on every machine, in every time zone. A calendar date is a day number, nothing
 * more, so we convert with Howard Hinnant's civil-date algorithms (public domain,
 * http://howardhinnant.github.io/date_algorithms.html) and never touch a clock or a zone.
 *
 * Business days here mean Monday-Friday, as payrolls count them (payday projection tolerates a
 * day of slack). ACH banking days, which skip the Federal Reserve's holidays too, are in
 * ./banking-days.ts.
 */

/** A calendar date as 'YYYY-MM-DD'. Plain string so it serialises through Temporal unchanged. */
export type IsoDate = string;

export interface DateParts {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const isRealDay = (year: number, month: number, day: number) => month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);

/**
 * The parts of a well-formed ('YYYY-MM-DD', ASCII digits), real calendar date, or undefined. Read
 * digit by digit: underwriting's income fit parses and builds dates in its innermost loop, where a
 * regular expression per date was the largest single cost (the apply benchmark's profile, issue 15).
 */
function parseIsoDate(value: string): DateParts | undefined {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return undefined; // 45 = '-'
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 7);
  const day = digitsAt(value, 8, 10);
  if (year < 0 || month < 0 || day < 0) return undefined; // a character that is not an ASCII digit
  return isRealDay(year, month, day) ? { year, month, day } : undefined;
}

/**
 * The number written in ASCII digits at value[from, to), or -1 for any other character. A module
 * function, not a closure per parse: it runs for every date underwriting reads.
 */
function digitsAt(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** True for a well-formed, real calendar date ('2024-02-30' is false). */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parseIsoDate(value) !== undefined;
}

export function assertIsoDate(value: unknown, label = 'date'): asserts value is IsoDate {
  if (!isIsoDate(value)) throw new RangeError(`${label} must be a calendar date 'YYYY-MM-DD', got ${JSON.stringify(value)}`);
}

export function dateParts(date: IsoDate): DateParts {
  const parts = typeof date === 'string' ? parseIsoDate(date) : undefined;
  if (!parts) assertIsoDate(date); // throws, with the usual message
  return parts!;
}

/** Builds a date from parts; throws when the day does not exist in that month. */
export function makeDate(year: number, month: number, day: number): IsoDate {
  const s = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  // Parts already known to be a real day need no re-reading of the string they make.
  if (!(Number.isInteger(year) && year >= 0 && year <= 9999 && Number.isInteger(month) && Number.isInteger(day) && isRealDay(year, month, day))) assertIsoDate(s);
  return s;
}

/** Days since 1970-01-01 (negative before). */
export function toDayNumber(date: IsoDate): number {
  // Underwriting compares the same few hundred dates thousands of times (income cadence fits):
  // each date is parsed and checked once. Pure, so the cache changes no answer, replay included.
  const known = dayNumbers.get(date);
  if (known !== undefined) return known;
  const n = computeDayNumber(date);
  if (dayNumbers.size >= DAY_NUMBER_CACHE_MAX) dayNumbers.clear();
  dayNumbers.set(date, n);
  return n;
}

const DAY_NUMBER_CACHE_MAX = 20_000;
const dayNumbers = new Map<string, number>();

function computeDayNumber(date: IsoDate): number {
  const { year, month, day } = dateParts(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(dayNumber: number): IsoDate {
  if (!Number.isSafeInteger(dayNumber)) throw new RangeError(`day number must be an integer, got ${dayNumber}`);
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return makeDate(year, month, day);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Negative, zero or positive, like a sort comparator. ISO strings compare lexically too. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return toDayNumber(a) - toDayNumber(b);
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) <= 0 ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) >= 0 ? a : b;
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: IsoDate): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

/** The date itself if a weekday, else the Friday before (how most payrolls handle weekends). */
export function onOrBeforeBusinessDay(date: IsoDate): IsoDate {
  let d = date;
  while (isWeekend(d)) d = addDays(d, -1);
  return d;
}

/** The date itself if a weekday, else the Monday after. */
export function onOrAfterBusinessDay(date: IsoDate): IsoDate {
  let d = date;
  while (isWeekend(d)) d = addDays(d, 1);
  return d;
}

/** The last calendar day of the date's month. */
export function endOfMonth(date: IsoDate): IsoDate {
  const { year, month } = dateParts(date);
  return makeDate(year, month, daysInMonth(year, month));
}

/** Day `day` of the given month, clamped to the month's length (31 -> 30 in April, 28/29 in February). */
export function clampedDayOfMonth(year: number, month: number, day: number): IsoDate {
  return makeDate(year, month, Math.min(day, daysInMonth(year, month)));
}

/** First day of the month `months` after the date's month (negative goes back). */
export function startOfMonthOffset(date: IsoDate, months: number): IsoDate {
  const { year, month } = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  return makeDate(Math.floor(index / 12), (index % 12) + 1, 1);
}
