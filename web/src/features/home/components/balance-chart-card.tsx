import { lazy, Suspense, useMemo } from 'react';
import { Card } from '@/components/ui/card';
import { Loading } from '@/components/ui/spinner';
import type { AdvanceItem } from '@/lib/advance-words';
import { bankDate, money } from '@/lib/format';
import { useBalanceHistory } from '../api/balance-history';

// uPlot stays out of the first page's JavaScript: it loads with the chart.
const TimeChart = lazy(() => import('@/components/ui/time-chart').then((m) => ({ default: m.TimeChart })));

/** 90 days of balance with the threshold line, advances and repayments marked. */
export function BalanceChartCard({ thresholdCents, advances }: { thresholdCents: number; advances: AdvanceItem[] }) {
  const history = useBalanceHistory(true);
  const chart = useMemo(() => {
    const points = history.data?.points ?? [];
    if (points.length === 0) return null;
    const dates = points.map((p) => p.date);
    const index = new Map(dates.map((d, i) => [d, i]));
    const balances = points.map((p) => p.balanceCents);
    const mark = (purpose: 'disbursement' | 'repayment') => {
      const values: (number | null)[] = dates.map(() => null);
      for (const a of advances)
        for (const t of a.transfers)
          if (t.purpose === purpose) {
            const i = index.get(t.updatedAt.slice(0, 10));
            if (i !== undefined) values[i] = balances[i];
          }
      return values;
    };
    let low = 0;
    balances.forEach((b, i) => (b < balances[low] ? (low = i) : undefined));
    return {
      dates,
      series: [
        { label: 'Balance', color: '#0f5132', values: balances, kind: 'line' as const },
        { label: 'Threshold', color: '#b42318', values: dates.map(() => thresholdCents), kind: 'dashed' as const },
        { label: 'Advance', color: '#1d6fd8', values: mark('disbursement'), kind: 'points' as const },
        { label: 'Repayment', color: '#8a5a00', values: mark('repayment'), kind: 'points' as const },
      ],
      caption: `Lowest ${money(balances[low])} on ${bankDate(dates[low])}; ${money(balances[balances.length - 1])} on ${bankDate(dates[dates.length - 1])}. Dashed line: your ${money(thresholdCents)} threshold.`,
    };
  }, [history.data, advances, thresholdCents]);

  return (
    <Card title="Last 90 days">
      {history.isPending ? (
        <Loading label="Loading your balance history…" />
      ) : !chart ? (
        <p>No balance history yet.</p>
      ) : (
        <Suspense fallback={<Loading label="Drawing the chart…" />}>
          <TimeChart dates={chart.dates} series={chart.series} caption={chart.caption} label="Chart of your daily balance over the last 90 days" />
        </Suspense>
      )}
    </Card>
  );
}
