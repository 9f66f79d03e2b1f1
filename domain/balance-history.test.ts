import { balanceHistory } from './balance-history';

describe('balanceHistory', () => {
  it('walks back from the known balance: money out raises the day before, deposits lower it', () => {
    const points = balanceHistory({
      balanceCents: 10_000,
      endDate: '2025-03-05',
      days: 5,
      transactions: [
        { date: '2025-03-05', amountCents: 2_500 }, // card spend today
        { date: '2025-03-04', amountCents: -100_000 }, // payroll
        { date: '2025-03-04', amountCents: 1_234 },
        { date: '2025-03-02', amountCents: 50 },
      ],
    });
    expect(points).toEqual([
      { date: '2025-03-01', balanceCents: 10_000 + 2_500 - 100_000 + 1_234 + 50 },
      { date: '2025-03-02', balanceCents: 10_000 + 2_500 - 100_000 + 1_234 },
      { date: '2025-03-03', balanceCents: 10_000 + 2_500 - 100_000 + 1_234 },
      { date: '2025-03-04', balanceCents: 12_500 },
      { date: '2025-03-05', balanceCents: 10_000 },
    ]);
  });

  it('gives exactly `days` points, oldest first, across month and leap-day boundaries', () => {
    const points = balanceHistory({ balanceCents: 0, endDate: '2024-03-01', days: 3, transactions: [] });
    expect(points.map((p) => p.date)).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(balanceHistory({ balanceCents: 1, endDate: '2025-01-31', days: 90, transactions: [] })).toHaveLength(90);
  });

  it('ignores transactions older than the window and undoes those after the last day', () => {
    const points = balanceHistory({
      balanceCents: 5_000,
      endDate: '2025-06-10',
      days: 2,
      transactions: [
        { date: '2025-06-01', amountCents: 999_999 },
        { date: '2025-06-11', amountCents: 700 }, // already taken out of the known balance
      ],
    });
    expect(points).toEqual([
      { date: '2025-06-09', balanceCents: 5_700 },
      { date: '2025-06-10', balanceCents: 5_700 },
    ]);
  });

  it('stays in integer cents (no float drift) and goes negative when the account was overdrawn', () => {
    const many = Array.from({ length: 1000 }, () => ({ date: '2025-01-02', amountCents: 10 })); // 1000 x $0.10
    const [before, after] = balanceHistory({ balanceCents: -3_500, endDate: '2025-01-02', days: 2, transactions: many });
    expect(after.balanceCents).toBe(-3_500);
    expect(before.balanceCents).toBe(6_500);
    expect(Number.isInteger(before.balanceCents)).toBe(true);
  });

  it('refuses non-cents, bad dates and a non-positive day count', () => {
    expect(() => balanceHistory({ balanceCents: 1.5, endDate: '2025-01-01', days: 1, transactions: [] })).toThrow(RangeError);
    expect(() => balanceHistory({ balanceCents: 1, endDate: '2025-02-30', days: 1, transactions: [] })).toThrow(RangeError);
    expect(() => balanceHistory({ balanceCents: 1, endDate: '2025-01-01', days: 0, transactions: [] })).toThrow(RangeError);
    expect(() => balanceHistory({ balanceCents: 1, endDate: '2025-01-01', days: 1, transactions: [{ date: '2025-01-01', amountCents: 0.1 }] })).toThrow(RangeError);
  });
});
