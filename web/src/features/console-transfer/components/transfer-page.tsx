import { Link, useParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { Money } from '@/components/ui/money';
import { Loading } from '@/components/ui/spinner';
import { table } from '@/components/ui/table';
import { timeline } from '@/components/ui/timeline';
import { errorMessage } from '@/lib/api/problem';
import { dateTime } from '@/lib/format';
import { useTransfer } from '../api/transfer';
import { SupportAction } from './support-action';
import styles from './transfer.module.css';

/** One transfer: attempts on a timeline, Plaid's events, the ledger with its sum, every staff action, the run in Temporal. */
export function TransferPage() {
  const { transferId = '' } = useParams();
  const transfer = useTransfer(transferId);
  if (transfer.isPending) return <Loading />;
  if (transfer.error) return <Alert tone="error">{errorMessage(transfer.error)}</Alert>;
  const t = transfer.data;

  return (
    <>
      <div className={styles.head}>
        <div>
          <h1>
            {t.purpose === 'repayment' ? 'Repayment' : 'Advance'} of <Money cents={t.amountCents} />
          </h1>
          <p className={table.muted}>
            Status <strong>{t.status.replace(/_/g, ' ')}</strong>
            {t.returnCode ? ` · returned ${t.returnCode}` : ''} · <Link to={`/console/accounts/${t.accountId}`}>customer account</Link> ·{' '}
            <a href={t.temporalUrl} target="_blank" rel="noreferrer">
              run in the Temporal UI
            </a>
          </p>
          <p className={styles.rule} data-testid="transfer-rule">
            {t.rule.sentence}
          </p>
        </div>
        <div className={styles.actions}>
          <SupportAction transferId={t.id} action="retry" allowed={t.rule.canRetry} rule={t.rule.sentence} />
          <SupportAction transferId={t.id} action="cancel" allowed={t.rule.canCancel} rule={t.rule.sentence} />
        </div>
      </div>
      <div className={styles.grid}>
        <Card title="Attempts">
          <ol className={timeline} aria-label="Attempts">
            {t.attempts.map((a) => (
              <li key={a.attempt}>
                <strong>Attempt {a.attempt}</strong> · {a.status.replace(/_/g, ' ')}
                {a.returnCode ? ` · ${a.returnCode}` : ''}
                <div className={table.muted}>
                  {dateTime(a.createdAt)}
                  {a.settledOn ? ` · settled ${a.settledOn}` : ''}
                  {a.failureReason ? ` · ${a.failureReason}` : ''}
                </div>
              </li>
            ))}
          </ol>
        </Card>
        <Card title="Staff actions">
          {t.actions.length === 0 ? (
            <p className={table.muted}>None yet.</p>
          ) : (
            <ol className={timeline} aria-label="Staff actions">
              {t.actions.map((s, i) => (
                <li key={i}>
                  <strong>{s.action}</strong> · {s.outcome} · {s.actorEmail ?? s.actor}
                  <div className={table.muted}>{dateTime(s.at)}</div>
                  {s.note && <div>“{s.note}”</div>}
                </li>
              ))}
            </ol>
          )}
        </Card>
      </div>
      <Card title="Plaid's events">
        <div className={table.wrap}>
          <table className={table.table}>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Plaid transfer</th>
                <th scope="col">When</th>
                <th scope="col">Failure</th>
              </tr>
            </thead>
            <tbody>
              {t.events.map((e) => (
                <tr key={e.eventId}>
                  <td>{e.eventType}</td>
                  <td className={table.muted}>{e.plaidTransferId}</td>
                  <td>{dateTime(e.timestamp)}</td>
                  <td>{[e.failureCode, e.failureReason].filter(Boolean).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title="Ledger">
        <div className={table.wrap}>
          <table className={table.table}>
            <thead>
              <tr>
                <th scope="col">Posted</th>
                <th scope="col">Event</th>
                <th scope="col">Account</th>
                <th scope="col" className={table.num}>
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {t.ledger.lines.map((l, i) => (
                <tr key={`${l.postingKey}-${i}`}>
                  <td>{dateTime(l.postedAt)}</td>
                  <td>{l.event}</td>
                  <td className={table.muted}>{l.account}</td>
                  <td className={table.num}>
                    <Money cents={l.amountCents} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td colSpan={3}>
                  <strong>Sum</strong> (every posting balances)
                </td>
                <td className={table.num} data-testid="ledger-sum">
                  <strong>
                    <Money cents={t.ledger.sumCents} />
                  </strong>
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      </Card>
    </>
  );
}
