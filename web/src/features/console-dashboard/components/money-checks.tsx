import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Loading } from '@/components/ui/spinner';
import { table } from '@/components/ui/table';
import { errorMessage } from '@/lib/api/problem';
import { dateTime } from '@/lib/format';
import { useLiftPause, useReconciliation, useRepaymentDebits } from '../api/money-checks';

const KIND_WORDS: Record<string, string> = {
  missing_transfer: 'Plaid has a transfer we do not',
  missing_event: 'A Plaid event we never stored',
  status_differs: 'Status differs from Plaid',
  amount_differs: 'Amount differs from Plaid',
  ledger_differs: 'Ledger differs from the status at Plaid',
  ledger_unbalanced: 'Ledger does not sum to zero',
  posting_missing: "Settled, but not on the customer's bank statement",
  posting_amount_differs: "The bank's posting differs in amount or direction",
};

/** The return-rate guard: paused or not, and the operator's lift with a note. */
export function RepaymentDebitsCard() {
  const state = useRepaymentDebits();
  const lift = useLiftPause();
  const [note, setNote] = useState('');
  if (state.isPending) return <Loading />;
  if (state.error) return <Alert tone="error">{errorMessage(state.error)}</Alert>;
  const s = state.data;
  return (
    <Card title="Repayment debits">
      {s.paused ? (
        <>
          <Alert tone="warn" title="New repayment debits are paused">
            <span data-testid="debits-paused">{s.last?.reason}</span> ({s.last ? dateTime(s.last.at) : ''})
          </Alert>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              lift.mutate(note);
            }}
          >
            <Field label="Why lift the pause" value={note} onChange={(e) => setNote(e.target.value)} required maxLength={500} />
            {lift.error && <Alert tone="error">{errorMessage(lift.error)}</Alert>}
            <Button type="submit" variant="danger" busy={lift.isPending}>
              Lift the pause
            </Button>
          </form>
        </>
      ) : (
        <p data-testid="debits-running">Running.{s.last ? ` Last change: ${s.last.action} by ${s.last.actor}, ${dateTime(s.last.at)}.` : ''}</p>
      )}
      {s.returnRates && (
        <p className={table.muted}>
          Unauthorized returns over 60 days: {(s.returnRates.rates.unauthorized * 100).toFixed(2)}% of {s.returnRates.debitEntries} debits (pause at 0.40%), computed {s.returnRates.day}.
        </p>
      )}
    </Card>
  );
}

/** The daily reconciliation with Plaid: its last run and what it found that is still open. */
export function ReconciliationCard() {
  const rec = useReconciliation();
  if (rec.isPending) return <Loading />;
  if (rec.error) return <Alert tone="error">{errorMessage(rec.error)}</Alert>;
  const { lastRun, mismatches } = rec.data;
  return (
    <Card title="Reconciliation with Plaid">
      <p className={table.muted}>
        {lastRun ? `Last run ${lastRun.day}: ${lastRun.plaidTransfers ?? '—'} transfers, ${lastRun.plaidEvents ?? '—'} events compared${lastRun.finishedAt ? '' : ' (still running)'}.` : 'No run yet.'}
      </p>
      <div className={table.wrap}>
        <table className={table.table} aria-label="Open reconciliation mismatches">
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Subject</th>
              <th scope="col">Since</th>
            </tr>
          </thead>
          <tbody>
            {mismatches.length === 0 ? (
              <tr>
                <td colSpan={3} className={table.muted}>
                  Nothing open: our books match Plaid.
                </td>
              </tr>
            ) : (
              mismatches.map((m) => (
                <tr key={m.id} data-testid="mismatch-row">
                  <td>{KIND_WORDS[m.kind] ?? m.kind}</td>
                  <td>
                    <code>{m.subject}</code>
                  </td>
                  <td>{dateTime(m.firstSeenAt)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
