import { distanceToSchedule, inferSchedule, medianGapDays, nextPayday, scheduledPaydays } from './payday';

describe('scheduledPaydays', () => {
  it('repeats weekly and biweekly schedules from the anchor in both directions', () => {
    expect(scheduledPaydays({ cadence: 'weekly', anchor: '2025-05-16' }, '2025-05-01', '2025-05-31')).toEqual([
      '2025-05-02',
      '2025-05-09',
      '2025-05-16',
      '2025-05-23',
      '2025-05-30',
    ]);
    expect(scheduledPaydays({ cadence: 'biweekly', anchor: '2025-05-16' }, '2025-05-01', '2025-06-30')).toEqual([
      '2025-05-02',
      '2025-05-16',
      '2025-05-30',
      '2025-06-13',
      '2025-06-27',
    ]);
  });

  it('moves weekend calendar paydays to the Friday before, even across a month boundary', () => {
    // 2025-06-01 is a Sunday: the "1st" is paid on Friday 2025-05-30; 2025-06-15 is a Sunday too.
    expect(scheduledPaydays({ cadence: 'semimonthly', days: 'first_and_fifteenth' }, '2025-05-20', '2025-06-20')).toEqual([
      '2025-05-30',
      '2025-06-13',
    ]);
    // 2025-05-31 is a Saturday.
    expect(scheduledPaydays({ cadence: 'semimonthly', days: 'fifteenth_and_last' }, '2025-05-01', '2025-06-30')).toEqual([
      '2025-05-15',
      '2025-05-30',
      '2025-06-13',
      '2025-06-30',
    ]);
    expect(scheduledPaydays({ cadence: 'monthly', dayOfMonth: 31 }, '2025-01-01', '2025-04-30')).toEqual([
      '2025-01-31',
      '2025-02-28',
      '2025-03-31',
      '2025-04-30',
    ]);
    expect(scheduledPaydays({ cadence: 'monthly', dayOfMonth: 'last' }, '2024-02-01', '2024-03-31')).toEqual(['2024-02-29', '2024-03-29']);
  });

  it('is empty for an empty range', () => {
    expect(scheduledPaydays({ cadence: 'weekly', anchor: '2025-05-16' }, '2025-05-20', '2025-05-10')).toEqual([]);
  });
});

describe('inferSchedule', () => {
  it('keeps the weekly phase when one payday was moved for a holiday', () => {
    // Fridays, except Thursday 2025-07-03 (Independence Day on Friday).
    const s = inferSchedule('weekly', ['2025-06-20', '2025-06-27', '2025-07-03', '2025-07-11']);
    expect(s).toEqual({ cadence: 'weekly', anchor: '2025-07-11' });
    const shiftedLast = inferSchedule('weekly', ['2025-06-13', '2025-06-20', '2025-06-27', '2025-07-03']);
    expect(shiftedLast).toEqual({ cadence: 'weekly', anchor: '2025-07-04' });
  });

  it('tells 1st/15th from 15th/last', () => {
    expect(inferSchedule('semimonthly', ['2025-04-01', '2025-04-15', '2025-05-01', '2025-05-15'])).toEqual({
      cadence: 'semimonthly',
      days: 'first_and_fifteenth',
    });
    expect(inferSchedule('semimonthly', ['2025-04-15', '2025-04-30', '2025-05-15', '2025-05-30'])).toEqual({
      cadence: 'semimonthly',
      days: 'fifteenth_and_last',
    });
  });

  it('finds the monthly day, or the last day of the month', () => {
    expect(inferSchedule('monthly', ['2025-03-05', '2025-04-04', '2025-05-05'])).toEqual({ cadence: 'monthly', dayOfMonth: 5 });
    expect(inferSchedule('monthly', ['2025-03-31', '2025-04-30', '2025-05-30'])).toEqual({ cadence: 'monthly', dayOfMonth: 'last' });
  });

  it('has no schedule for irregular, none, or no deposits', () => {
    expect(inferSchedule('irregular', ['2025-05-01'])).toBeNull();
    expect(inferSchedule('none', [])).toBeNull();
    expect(inferSchedule('weekly', [])).toBeNull();
  });
});

describe('nextPayday', () => {
  it.each([
    ['weekly', ['2025-05-02', '2025-05-09', '2025-05-16'], '2025-05-16', '2025-05-23'],
    ['weekly', ['2025-05-02', '2025-05-09', '2025-05-16'], '2025-05-20', '2025-05-23'],
    ['weekly', ['2025-05-02', '2025-05-09', '2025-05-16'], '2025-05-15', '2025-05-16'],
    ['biweekly', ['2025-05-02', '2025-05-16', '2025-05-30'], '2025-06-01', '2025-06-13'],
    ['biweekly', ['2025-05-30', '2025-05-02', '2025-05-16'], '2025-05-30', '2025-06-13'],
    ['semimonthly', ['2025-04-15', '2025-04-30', '2025-05-15', '2025-05-30'], '2025-05-30', '2025-06-13'],
    ['semimonthly', ['2025-04-01', '2025-04-15', '2025-05-01', '2025-05-15'], '2025-05-15', '2025-05-30'],
    ['monthly', ['2025-03-31', '2025-04-30', '2025-05-30'], '2025-05-30', '2025-06-30'],
    ['monthly', ['2025-03-05', '2025-04-04', '2025-05-05'], '2025-05-05', '2025-06-05'],
    ['monthly', ['2025-10-05', '2025-11-05', '2025-12-05'], '2025-12-20', '2026-01-05'],
    ['irregular', ['2025-05-01', '2025-05-04', '2025-05-08', '2025-05-10'], '2025-05-10', '2025-05-13'],
    ['irregular', ['2025-05-01', '2025-05-04', '2025-05-08', '2025-05-10'], '2025-05-20', '2025-05-22'],
  ] as const)('%s %j after %s -> %s', (cadence, dates, after, expected) => {
    expect(nextPayday({ cadence, depositDates: dates, after })).toBe(expected);
  });

  it('is null without income or deposits', () => {
    expect(nextPayday({ cadence: 'none', depositDates: ['2025-05-01'], after: '2025-05-02' })).toBeNull();
    expect(nextPayday({ cadence: 'biweekly', depositDates: [], after: '2025-05-02' })).toBeNull();
    expect(nextPayday({ cadence: 'irregular', depositDates: ['2025-05-01'], after: '2025-05-02' })).toBeNull();
  });
});

describe('helpers', () => {
  it('medianGapDays', () => {
    expect(medianGapDays(['2025-05-01', '2025-05-15', '2025-05-29'])).toBe(14);
    expect(medianGapDays(['2025-05-01', '2025-05-02', '2025-05-06', '2025-05-16'])).toBe(4);
    expect(medianGapDays(['2025-05-01'])).toBeNull();
  });

  it('distanceToSchedule', () => {
    const s = { cadence: 'semimonthly', days: 'fifteenth_and_last' } as const;
    expect(distanceToSchedule(s, '2025-05-15')).toBe(0);
    expect(distanceToSchedule(s, '2025-05-13')).toBe(2);
    expect(distanceToSchedule(s, '2025-05-22')).toBe(7);
  });
});
