import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Money } from '@/components/ui/money';
import { Loading } from '@/components/ui/spinner';
import { table } from '@/components/ui/table';
import { errorMessage } from '@/lib/api/problem';
import { waited } from '@/lib/format';
import { useQueue } from '../api/queue';

/** Needs attention: every failed transfer, escalated first, then oldest; why it failed and what the rules allow. */
export function QueuePage() {
  const queue = useQueue();
  if (queue.isPending) return <Loading />;
  if (queue.error) return <Alert tone="error">{errorMessage(queue.error)}</Alert>;
  const items = queue.data.pages.flatMap((p) => p.items);

  return (
    <>
      <h1>Needs attention</h1>
      <p className={table.muted}>Transfers that failed or came back, escalated ones first, then the oldest. Open one to retry or cancel it.</p>
      {items.length === 0 ? (
        <Alert tone="success">Nothing needs attention. Every transfer is on track.</Alert>
      ) : (
        <div className={table.wrap}>
          <table className={table.table} aria-label="Transfers needing attention">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col" className={table.num}>
                  Amount
                </th>
                <th scope="col">Why</th>
                <th scope="col">Waiting</th>
                <th scope="col">What the rules allow</th>
              </tr>
            </thead>
            <tbody>
              {items.map((t) => (
                <tr key={t.id} data-testid="queue-row">
                  <td>
                    <Link to={`/console/transfers/${t.id}`}>{t.customerName}</Link>
                    <div className={table.muted}>{t.purpose === 'repayment' ? 'Repayment (debit)' : 'Advance (credit)'}</div>
                  </td>
                  <td className={table.num}>
                    <Money cents={t.amountCents} />
                  </td>
                  <td>
                    {t.returnCode ? (
                      <>
                        <span className={`${table.badge} ${table.danger}`}>{t.returnCode}</span> {t.returnMeaning}
                      </>
                    ) : (
                      <span className={table.muted}>Failed before settlement</span>
                    )}
                  </td>
                  <td>
                    {waited(t.waitingSince)}
                    {t.escalated && (
                      <>
                        {' '}
                        <span className={`${table.badge} ${table.warn}`}>Escalated</span>
                      </>
                    )}
                  </td>
                  <td>{t.rule.sentence}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {queue.hasNextPage && (
            <div className={table.more}>
              <Button variant="secondary" onClick={() => queue.fetchNextPage()} busy={queue.isFetchingNextPage}>
                Show more
              </Button>
            </div>
          )}
        </div>
      )}
    </>
  );
}
