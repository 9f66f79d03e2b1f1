import {
  addDays,
  clampedDayOfMonth,
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
