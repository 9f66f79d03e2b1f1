import {
  addDays,
  clampedDayOfMonth,
  dateParts,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  endOfMonth,
  fromDayNumber,
  isIsoDate,
  makeDate,
  onOrAfterBusinessDay,
  onOrBeforeBusinessDay,
  startOfMonthOffset,
  toDayNumber,
} from './dates';

describe('dates', () => {
  it('validates calendar dates strictly', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-1-01')).toBe(false);
    expect(isIsoDate('2024-01-01T00:00:00Z')).toBe(false);
    expect(isIsoDate(20240101)).toBe(false);
    expect(() => makeDate(2023, 2, 29)).toThrow(RangeError);
    expect(() => makeDate(2024, 1, 1.5)).toThrow(RangeError);
    expect(() => makeDate(10000, 1, 1)).toThrow(RangeError);
    expect(() => dateParts('2024-02-30')).toThrow("date must be a calendar date 'YYYY-MM-DD', got \"2024-02-30\"");
  });

  it('reads a date digit by digit exactly as the pattern it replaced, plus the calendar check', () => {
    // The definition before the digit-by-digit reader: a regular expression, then the calendar.
    const reference = (v: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      if (!m) return false;
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
      return mo >= 1 && mo <= 12 && d >= 1 && d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
    };
    const odd = ['', '2024-02-2', '2024-02-290', '2024/02/29', '2024-0a-01', '２０２４-01-01', ' 2024-01-01', '2024-01-01 ', '-024-01-01', '2024--1-01', '2024-00-10', '2024-12-00', '0000-01-01', '9999-12-31', '2100-02-29', '2000-02-29', '1900-02-29'];
    for (const v of odd) expect([v, isIsoDate(v)]).toEqual([v, reference(v)]);
    // Every day of four years (a leap year among them) and the day after each month's last.
    for (let n = toDayNumber('2023-01-01'); n < toDayNumber('2027-01-01'); n++) {
      const d = fromDayNumber(n);
      expect(isIsoDate(d)).toBe(true);
      expect(dateParts(d)).toEqual({ year: Number(d.slice(0, 4)), month: Number(d.slice(5, 7)), day: Number(d.slice(8, 10)) });
      const overflow = `${d.slice(0, 8)}${String(Number(d.slice(8)) + 1).padStart(2, '0')}`;
      expect([overflow, isIsoDate(overflow)]).toEqual([overflow, reference(overflow)]);
    }
  });

  it('converts to and from day numbers, agreeing with UTC Date across four centuries', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(0)).toBe('1970-01-01');
    for (let n = -150000; n <= 150000; n += 97) {
      const viaDate = new Date(n * 86400000).toISOString().slice(0, 10);
      expect(fromDayNumber(n)).toBe(viaDate);
      expect(toDayNumber(viaDate)).toBe(n);
    }
  });

  it('adds days over month, year and leap boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-10', '2025-01-01')).toBe(-9);
  });

  it('knows weekdays and business days', () => {
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('2025-06-15')).toBe(0); // Sunday
    expect(dayOfWeek('2025-06-13')).toBe(5); // Friday
    expect(onOrBeforeBusinessDay('2025-06-15')).toBe('2025-06-13');
    expect(onOrBeforeBusinessDay('2025-06-14')).toBe('2025-06-13');
    expect(onOrBeforeBusinessDay('2025-06-13')).toBe('2025-06-13');
    expect(onOrAfterBusinessDay('2025-06-14')).toBe('2025-06-16');
  });

  it('handles month ends', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(endOfMonth('2025-04-10')).toBe('2025-04-30');
    expect(clampedDayOfMonth(2025, 2, 31)).toBe('2025-02-28');
    expect(startOfMonthOffset('2025-01-31', 1)).toBe('2025-02-01');
    expect(startOfMonthOffset('2025-01-31', -1)).toBe('2024-12-01');
    expect(startOfMonthOffset('2025-11-05', 2)).toBe('2026-01-01');
  });
});
