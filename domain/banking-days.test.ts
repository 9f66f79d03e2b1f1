import { dayOfWeek } from './dates';
import { addBankingDays, bankingDaysBetween, fedHolidayClosures, isBankingDay, isFedHoliday, onOrAfterBankingDay } from './banking-days';

describe('Federal Reserve banking days', () => {
  it("computes the Fed's holiday closures as its published schedule shows them (2025-2027)", () => {
    // richmondfed.org holiday schedule: 2026-07-04, 2027-06-19 and 2027-12-25 fall on a Saturday
    // (open the Friday before, nothing closed); 2027-07-04 falls on a Sunday (closed Monday 07-05).
    expect(fedHolidayClosures(2025)).toEqual([
      '2025-01-01', '2025-01-20', '2025-02-17', '2025-05-26', '2025-06-19', '2025-07-04',
      '2025-09-01', '2025-10-13', '2025-11-11', '2025-11-27', '2025-12-25',
    ]);
    expect(fedHolidayClosures(2026)).toEqual([
      '2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19',
      '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25',
    ]);
    expect(fedHolidayClosures(2027)).toEqual([
      '2027-01-01', '2027-01-18', '2027-02-15', '2027-05-31', '2027-07-05',
      '2027-09-06', '2027-10-11', '2027-11-11', '2027-11-25',
    ]);
  });

  it('closes the Monday after a Sunday holiday and nothing for a Saturday one', () => {
    expect(isFedHoliday('2022-12-26')).toBe(true); // Christmas 2022 was a Sunday
    expect(isBankingDay('2021-12-31')).toBe(true); // New Year's Day 2022 was a Saturday: open the Friday before
    expect(isBankingDay('2026-07-03')).toBe(true); // Independence Day 2026 is a Saturday
    expect(isFedHoliday('2020-06-19')).toBe(false); // Juneteenth is a holiday from 2021 on
    expect(isFedHoliday('2023-06-19')).toBe(true);
  });

  it('is computed for any year, every closure a weekday', () => {
    for (let year = 1990; year <= 2100; year++) {
      const days = fedHolidayClosures(year);
      expect(days.length).toBeGreaterThanOrEqual(8);
      for (const d of days) expect([1, 2, 3, 4, 5]).toContain(dayOfWeek(d));
    }
    expect(fedHolidayClosures(2100)).toContain('2100-11-25'); // fourth Thursday of November 2100
  });

  it('adds banking days across a weekend and a Fed holiday', () => {
    // Friday -> Monday, Tuesday.
    expect(addBankingDays('2026-11-06', 2)).toBe('2026-11-10');
    // Tuesday 2026-11-10, then Veterans Day (Wednesday) is skipped: Thursday, Friday.
    expect(addBankingDays('2026-11-10', 2)).toBe('2026-11-13');
    // Wednesday before Thanksgiving: Thursday closed, Friday (1), weekend, Monday (2).
    expect(addBankingDays('2026-11-25', 2)).toBe('2026-11-30');
    // Friday before MLK day: the weekend and Monday 2027-01-18 are skipped.
    expect(addBankingDays('2027-01-15', 1)).toBe('2027-01-19');
    // From a Saturday: Monday is the first banking day, Tuesday the second.
    expect(addBankingDays('2026-11-07', 2)).toBe('2026-11-10');
    // Christmas 2022 on a Sunday: from Friday 12-23, Monday 12-26 is closed.
    expect(addBankingDays('2022-12-23', 1)).toBe('2022-12-27');
    expect(addBankingDays('2026-11-11', 0)).toBe('2026-11-12');
    expect(() => addBankingDays('2026-11-11', -1)).toThrow(RangeError);
  });

  it('moves a non-banking day to the next banking day and counts banking days between dates', () => {
    expect(onOrAfterBankingDay('2026-12-25')).toBe('2026-12-28'); // Christmas Friday -> Monday
    expect(onOrAfterBankingDay('2026-12-24')).toBe('2026-12-24');
    expect(bankingDaysBetween('2026-11-06', '2026-11-13')).toBe(4); // Mon, Tue, Thu, Fri (Wed is Veterans Day)
    expect(bankingDaysBetween('2026-11-13', '2026-11-06')).toBe(0);
  });
});
