import { Card } from '@/components/ui/card';
import { Money } from '@/components/ui/money';
import { Loading } from '@/components/ui/spinner';
import { Alert } from '@/components/ui/alert';
import { advanceWords, transferWords } from '@/lib/advance-words';
import { useAdvances } from '@/lib/advances-query';
import { errorMessage } from '@/lib/api/problem';
import { bankDate } from '@/lib/format';
import { useMe } from '@/lib/session';
import styles from './advances.module.css';

/** Every advance and its repayment: amounts, dates and status in words. */
export function AdvancesPage() {
  const advances = useAdvances();
  const me = useMe();
  if (advances.isPending) return <Loading />;
  if (advances.error) return <Alert tone="error">{errorMessage(advances.error)}</Alert>;
  const { items, outstandingCents } = advances.data;

  return (
    <>
      <h1>Advances</h1>
      <Card title="You owe">
        <p className={styles.amount}>
          <Money cents={outstandingCents} />
        </p>
        <p className={styles.muted}>{outstandingCents > 0 ? 'Taken from your account on payday. No interest, no fees.' : 'Nothing right now.'}</p>
      </Card>
      {items.length === 0 ? (
        <p>No advances yet. When your balance drops below your threshold, we send one automatically.</p>
      ) : (
        <ul className={styles.list} aria-label="Your advances">
          {items.map((a) => {
            const words = advanceWords(a, me.data?.advance.current?.advanceId === a.id ? me.data.advance.nextRepayment : null);
            return (
              <li key={a.id} className={styles.item}>
                <div className={styles.head}>
                  <span className={styles.amount}>
                    <Money cents={a.principalCents} />
                  </span>
                  <span className={`${styles.state} ${styles[words.tone]}`}>{words.title}</span>
                </div>
                <p className={styles.muted}>
                  Sent {bankDate(a.createdAt)}
                  {a.closedAt ? ` · closed ${bankDate(a.closedAt)}` : ''}
                  {a.outstandingCents > 0 ? (
                    <>
                      {' '}
                      · <Money cents={a.outstandingCents} /> to repay
                    </>
                  ) : null}
                </p>
                {words.detail && <p>{words.detail}</p>}
                <ul className={styles.transfers} aria-label="Transfers">
                  {[...a.transfers]
                    .sort((x, y) => x.updatedAt.localeCompare(y.updatedAt))
                    .map((t) => {
                      const tw = transferWords(t);
                      return (
                        <li key={t.id} className={styles.transfer}>
                          <span>
                            {t.purpose === 'disbursement' ? 'Advance to you' : 'Repayment from you'} · {bankDate(t.updatedAt)}
                          </span>
                          <span className="tabular">
                            {t.direction === 'credit' ? '+' : '−'}
                            <Money cents={t.amountCents} />
                          </span>
                          <span className={`${styles.detail} ${styles[tw.tone]}`}>{tw.title}</span>
                        </li>
                      );
                    })}
                </ul>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
