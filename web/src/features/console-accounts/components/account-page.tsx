import { Link, useParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Money } from '@/components/ui/money';
import { Loading } from '@/components/ui/spinner';
import { table } from '@/components/ui/table';
import { timeline } from '@/components/ui/timeline';
import { errorMessage } from '@/lib/api/problem';
import { dateTime } from '@/lib/format';
import { useAccount, useEvaluateNow } from '../api/accounts';
import { FactorsCard } from './factors-card';
import styles from './accounts.module.css';

/** One customer: event history, bank link, applications with reasons, advances, transfers, evaluations; evaluate now. */
export function AccountPage() {
  const { accountId = '' } = useParams();
  const account = useAccount(accountId);
  const evaluate = useEvaluateNow(accountId);
  if (account.isPending) return <Loading />;
  if (account.error) return <Alert tone="error">{errorMessage(account.error)}</Alert>;
  const { account: a, events, bank, applications, advances, transfers, evaluations } = account.data;

  return (
    <>
      <div className={styles.head}>
        <div>
          <h1>
            {a.firstName} {a.lastName}
          </h1>
          <p className={table.muted}>
            {a.email} · <span className="tabular">{a.phone}</span> · {a.status.replace(/_/g, ' ')} · signed up {dateTime(a.createdAt)}
          </p>
        </div>
        <div>
          <Button onClick={() => evaluate.mutate()} busy={evaluate.isPending}>
            Evaluate now
          </Button>
          {evaluate.isSuccess && <p role="status">Evaluation started.</p>}
          {evaluate.error && <Alert tone="error">{errorMessage(evaluate.error)}</Alert>}
        </div>
      </div>
      <div className={styles.grid}>
        <FactorsCard accountId={accountId} />
        <Card title="Bank link">
          {bank ? (
            <p>
              {bank.institutionName ?? 'Bank'} ·{' '}
              <span className={`${table.badge} ${bank.status === 'active' ? table.ok : table.danger}`}>{bank.status.replace(/_/g, ' ')}</span>
              {bank.linkedAt ? <span className={table.muted}> · linked {dateTime(bank.linkedAt)}</span> : null}
            </p>
          ) : (
            <p className={table.muted}>No bank linked.</p>
          )}
        </Card>
        <Card title="Applications">
          {applications.length === 0 ? (
            <p className={table.muted}>None.</p>
          ) : (
            <ul className={timeline}>
              {applications.map((app) => (
                <li key={app.id}>
                  <strong>{app.status}</strong>
                  {app.decision?.approved ? (
                    <>
                      {' '}
                      · limit <Money cents={app.decision.limitCents} />
                    </>
                  ) : null}{' '}
                  · <span className={table.muted}>{dateTime(app.createdAt)}</span> ·{' '}
                  <a href={app.temporalUrl} target="_blank" rel="noreferrer">
                    run
                  </a>
                  {app.decision && app.decision.reasons.length > 0 && (
                    <ul className={styles.reasons}>
                      {app.decision.reasons.map((r) => (
                        <li key={r.code}>
                          {r.code}: {r.message}
                        </li>
                      ))}
                    </ul>
                  )}
                  {app.failure && <div className={table.muted}>{app.failure.reason}</div>}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <Card title="Advances and transfers">
        <div className={table.wrap}>
          <table className={table.table} aria-label="Transfers">
            <thead>
              <tr>
                <th scope="col">Transfer</th>
                <th scope="col">Status</th>
                <th scope="col">Return</th>
                <th scope="col">Updated</th>
                <th scope="col" className={table.num}>
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {transfers.map((t) => (
                <tr key={t.id}>
                  <td>
                    <Link to={`/console/transfers/${t.id}`}>{t.purpose === 'repayment' ? 'Repayment' : 'Advance'}</Link>
                  </td>
                  <td>{t.status.replace(/_/g, ' ')}</td>
                  <td>{t.returnCode ?? ''}</td>
                  <td>{dateTime(t.updatedAt)}</td>
                  <td className={table.num}>
                    <Money cents={t.amountCents} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className={table.muted}>
          {advances.length} advance{advances.length === 1 ? '' : 's'}; outstanding <Money cents={advances.reduce((s, x) => s + x.outstandingCents, 0)} />.
        </p>
      </Card>
      <div className={styles.grid}>
        <Card title="Evaluations">
          <ul className={timeline} aria-label="Evaluations">
            {evaluations.map((e) => (
              <li key={e.id}>
                <strong>{e.action}</strong> · {e.reasonCode}
                {e.amountCents ? (
                  <>
                    {' '}
                    · <Money cents={e.amountCents} />
                  </>
                ) : null}
                <div className={table.muted}>
                  {dateTime(e.evaluatedAt)} ·{' '}
                  <a href={e.temporalUrl} target="_blank" rel="noreferrer">
                    run
                  </a>
                </div>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Event history">
          <ol className={timeline} aria-label="Event history">
            {events.map((ev, i) => (
              <li key={i}>
                <strong>{ev.type}</strong> <span className={table.muted}>{dateTime(ev.at)}</span>
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </>
  );
}
