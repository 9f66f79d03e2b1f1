import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Money } from '@/components/ui/money';
import { Loading } from '@/components/ui/spinner';
import { Alert } from '@/components/ui/alert';
import { useAdvances } from '@/lib/advances-query';
import { errorMessage } from '@/lib/api/problem';
import { bankDate } from '@/lib/format';
import { useMe } from '@/lib/session';
import { useBank } from '@/lib/bank-query';
import { AdvanceCard } from './advance-card';
import { BalanceChartCard } from './balance-chart-card';
import { DebitsStoppedCard } from './debits-stopped-card';
import { ThresholdCard } from './threshold-card';
import styles from './home.module.css';

/** Home: balance, the current advance in words, the threshold, the limit and 90 days of balance. */
export function HomePage() {
  const me = useMe();
  const bank = useBank();
  const advances = useAdvances();
  const queryClient = useQueryClient();
  // When an advance or repayment moves, the balance moved too: refresh the balance and the chart.
  const moneyMoved = (advances.data?.items ?? []).map((a) => `${a.status}:${a.transfers.map((t) => t.status).join(',')}`).join('|');
  useEffect(() => {
    if (moneyMoved) void queryClient.invalidateQueries({ queryKey: ['bank'] });
  }, [moneyMoved, queryClient]);
  if (me.isPending || bank.isPending) return <Loading />;
  if (me.error) return <Alert tone="error">{errorMessage(me.error)}</Alert>;
  const summary = me.data.advance;

  if (!bank.data) {
    return (
      <>
        <h1>Hi {me.data.firstName}</h1>
        <Card title="Next step: link your bank">
          <p>Link the checking account your pay goes into. We use it to decide your limit and to send advances when you run low.</p>
          <Link to="/link" className={buttonClass('primary', true)}>
            Link your bank
          </Link>
        </Card>
      </>
    );
  }
  if (!summary.approved) {
    return (
      <>
        <h1>Hi {me.data.firstName}</h1>
        {bank.data.status === 'login_required' && <ReconnectAlert />}
        <Card title="Next step: see what you can get">
          <p>Your bank is linked. Check your eligibility: it takes a few seconds.</p>
          <Link to="/apply" className={buttonClass('primary', true)}>
            Check my eligibility
          </Link>
        </Card>
      </>
    );
  }

  const watched = bank.data.accounts.find((a) => a.subtype === 'checking') ?? bank.data.accounts[0];
  // An advance that came back is not current, but the customer must hear of it until the next one.
  const shown = summary.current?.advanceId ?? (summary.state?.state === 'returned' ? summary.state.advanceId : undefined);
  const current = advances.data?.items.find((a) => a.status === 'disbursing' || a.status === 'outstanding') ?? (shown ? advances.data?.items.find((a) => a.id === shown) : undefined);
  const available = watched?.balances.availableCents ?? watched?.balances.currentCents ?? null;

  return (
    <>
      <h1>Hi {me.data.firstName}</h1>
      {bank.data.status === 'login_required' && <ReconnectAlert />}
      <DebitsStoppedCard debits={summary.debits} />
      <div className={styles.grid}>
        <Card title="Available balance">
          <p className={styles.balance} data-testid="available-balance">
            {available === null ? '—' : <Money cents={available} />}
          </p>
          <p className={styles.sub}>
            {bank.data.institutionName ?? 'Your bank'}
            {watched?.mask ? ` ••${watched.mask}` : ''}
          </p>
        </Card>
        <AdvanceCard summary={summary} advance={current} />
        <ThresholdCard thresholdCents={summary.thresholdCents} source={summary.thresholdSource} />
        <Card title="Your limit">
          <dl className={styles.facts}>
            <div>
              <dt>Advance limit</dt>
              <dd>
                <Money cents={summary.limitCents} />
              </dd>
            </div>
            <div>
              <dt>Next payday</dt>
              <dd>{summary.expectedPayday ? bankDate(summary.expectedPayday) : 'Not known yet'}</dd>
            </div>
          </dl>
        </Card>
        <div className={styles.wide}>
          <BalanceChartCard thresholdCents={summary.thresholdCents} advances={advances.data?.items ?? []} />
        </div>
      </div>
    </>
  );
}

function ReconnectAlert() {
  return (
    <Alert tone="warn" title="Your bank needs you to sign in again">
      Until then we can&rsquo;t see your balance or send advances. <Link to="/link">Reconnect your bank</Link>
    </Alert>
  );
}
