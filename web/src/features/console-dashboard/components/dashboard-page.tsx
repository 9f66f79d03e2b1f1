import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { Money } from '@/components/ui/money';
import { Loading } from '@/components/ui/spinner';
import { table } from '@/components/ui/table';
import { errorMessage } from '@/lib/api/problem';
import { dateTime } from '@/lib/format';
import { Button } from '@/components/ui/button';
import { useDashboard } from '../api/dashboard';
import { useStartSweep } from '../api/sweep';
import { ReconciliationCard, RepaymentDebitsCard } from './money-checks';
import { ReturnRatesChart } from './return-rates-chart';
import styles from './dashboard.module.css';

const statusLabel = (status: string) => {
  const words = status.replace(/_/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} transfers`;
};

/** Operators: is the system healthy? Transfers by state, money out, the last sweeps, return rates, Temporal queries. */
export function DashboardPage() {
  const dashboard = useDashboard();
  const sweep = useStartSweep();
  if (dashboard.isPending) return <Loading />;
  if (dashboard.error) return <Alert tone="error">{errorMessage(dashboard.error)}</Alert>;
  const d = dashboard.data;
  const seconds = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`);

  return (
    <>
      <h1>Dashboard</h1>
      <dl className={styles.tiles}>
        <div className={styles.tile}>
          <dt>Outstanding in advances</dt>
          <dd data-testid="outstanding">
            <Money cents={d.outstandingCents} />
          </dd>
        </div>
        {d.transfersByStatus.map((s) => (
          <div className={styles.tile} key={s.status}>
            <dt>{statusLabel(s.status)}</dt>
            <dd>{s.count}</dd>
          </div>
        ))}
      </dl>
      <div className={styles.grid}>
        <Card title="Debit return rates, last 60 days">
          <ReturnRatesChart rows={d.returnRates.classes} debitEntries={d.returnRates.debitEntries} />
          <p className={table.muted}>{d.returnRates.debitEntries} debits presented. Dashed line: Nacha&rsquo;s threshold.</p>
        </Card>
        <Card title="In the Temporal UI">
          <ul className={styles.links}>
            {d.temporalLinks.map((l) => (
              <li key={l.url}>
                <a href={l.url} target="_blank" rel="noreferrer">
                  {l.label}
                </a>
              </li>
            ))}
          </ul>
        </Card>
        <RepaymentDebitsCard />
        <ReconciliationCard />
      </div>
      <Card title="Last sweeps">
        <p>
          <Button variant="secondary" onClick={() => sweep.mutate()} busy={sweep.isPending}>
            Run a sweep now
          </Button>{' '}
          {sweep.isSuccess && <span role="status">Sweep started: it shows here when it finishes.</span>}
        </p>
        {sweep.error && <Alert tone="error">{errorMessage(sweep.error)}</Alert>}
        <div className={table.wrap}>
          <table className={table.table} aria-label="Last sweeps">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Status</th>
                <th scope="col" className={table.num}>
                  Took
                </th>
                <th scope="col" className={table.num}>
                  Accounts
                </th>
                <th scope="col" className={table.num}>
                  Failures
                </th>
              </tr>
            </thead>
            <tbody>
              {d.sweeps.length === 0 ? (
                <tr>
                  <td colSpan={5} className={table.muted}>
                    No sweep has run yet.
                  </td>
                </tr>
              ) : (
                d.sweeps.map((s) => (
                  <tr key={`${s.workflowId}-${s.startedAt}`}>
                    <td>{dateTime(s.startedAt)}</td>
                    <td>{s.status}</td>
                    <td className={table.num}>{seconds(s.durationMs)}</td>
                    <td className={table.num}>{s.accounts ?? '—'}</td>
                    <td className={table.num}>{s.failures ?? '—'}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}
