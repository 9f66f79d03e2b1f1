import { repaymentDueDate } from './due-date';

const biweekly = ['2025-05-30', '2025-06-13', '2025-06-27'];

describe('repaymentDueDate', () => {
  it('the next scheduled payday after the advance', () => {
    expect(repaymentDueDate({ disbursedOn: '2025-07-01', cadence: 'biweekly', depositDates: biweekly, fallbackRepaymentDays: 7 })).toEqual({
      dueDate: '2025-07-11',
      source: 'schedule',
    });
  });

  it('an advance on payday itself is due the next payday', () => {
    expect(repaymentDueDate({ disbursedOn: '2025-06-27', cadence: 'biweekly', depositDates: biweekly, fallbackRepaymentDays: 7 }).dueDate).toBe('2025-07-11');
  });

  it('refreshed by an income deposit that came early', () => {
    expect(
      repaymentDueDate({ disbursedOn: '2025-07-01', cadence: 'biweekly', depositDates: [...biweekly, '2025-07-10'], fallbackRepaymentDays: 7 }),
    ).toEqual({ dueDate: '2025-07-10', source: 'income_deposit' });
  });

  it('a late deposit does not move the due date later than the schedule', () => {
    expect(
      repaymentDueDate({ disbursedOn: '2025-07-01', cadence: 'biweekly', depositDates: [...biweekly, '2025-07-14'], fallbackRepaymentDays: 7 }).dueDate,
    ).toBe('2025-07-11');
  });

  it('falls back to underwriting, then to the first Friday a week later', () => {
    expect(
      repaymentDueDate({ disbursedOn: '2025-07-01', cadence: 'none', depositDates: [], expectedPayday: '2025-07-09', fallbackRepaymentDays: 7 }),
    ).toEqual({ dueDate: '2025-07-09', source: 'underwriting' });
    // An underwriting payday that is already past is ignored.
    expect(
      repaymentDueDate({ disbursedOn: '2025-07-01', cadence: 'none', depositDates: [], expectedPayday: '2025-06-20', fallbackRepaymentDays: 7 }),
    ).toEqual({ dueDate: '2025-07-11', source: 'fallback' });
    // 2025-07-01 is a Tuesday: +7 = Tuesday 07-08, first Friday on or after = 07-11.
    expect(repaymentDueDate({ disbursedOn: '2025-07-01', cadence: 'none', depositDates: [], fallbackRepaymentDays: 7 }).dueDate).toBe('2025-07-11');
    // +7 landing on a Friday stays there.
    expect(repaymentDueDate({ disbursedOn: '2025-07-04', cadence: 'none', depositDates: [], fallbackRepaymentDays: 7 }).dueDate).toBe('2025-07-11');
  });

  it('irregular income: the next deposit after the advance, else the median-gap guess', () => {
    const gig = ['2025-06-20', '2025-06-23', '2025-06-27', '2025-06-30'];
    expect(repaymentDueDate({ disbursedOn: '2025-07-01', cadence: 'irregular', depositDates: gig, fallbackRepaymentDays: 7 })).toEqual({
      dueDate: '2025-07-03',
      source: 'schedule',
    });
    expect(repaymentDueDate({ disbursedOn: '2025-07-01', cadence: 'irregular', depositDates: [...gig, '2025-07-02'], fallbackRepaymentDays: 7 })).toEqual({
      dueDate: '2025-07-02',
      source: 'income_deposit',
    });
  });
});
