/**
 * The daily money checks on a database of this file's own (so Plaid's /transfer/list and the
 * return rates see only this file's transfers): the reconciliation with Plaid finds nothing on a
 * clean book, finds a planted mismatch and records it once however often it runs, and clears it
 * when it is gone; the return-rate guard pauses new repayment debits at 0.4% unauthorized returns,
 * an operator lifts the pause, both are recorded, and the rates are metrics.
 */
import { startRepayment as startRepaymentFromEvaluation } from '../activities/transfers/advance-state';
import { getPool } from '../db/pool';
import { apiMetrics } from '../api/metrics';
import { call } from '../test/support/api';
import { expectDocumented } from '../test/support/contract';
import { useIsolatedSystem } from '../test/support/isolated-system';
import { signedInStaff } from '../test/support/staff';
import type { TestSystem } from '../test/support/system';
import { customerWithReturnedRepayment, customerWithSettledAdvance, plaidTransferIdOf } from '../test/support/transfers';
import { reconciliationWorkflow, returnRateGuardWorkflow } from './reconciliation';

let sys: TestSystem;
const day = new Date().toISOString().slice(0, 10);
let runs = 0;

const system = useIsolatedSystem('reconcile', { TRANSFER_POLL_INTERVAL_SECONDS: '2', TRANSFER_ESCALATE_AFTER_SECONDS: '3600' });
beforeAll(() => {
  sys = system();
});

const reconcile = () =>
  sys.temporal.client.workflow.execute(reconciliationWorkflow, {
    taskQueue: sys.temporal.taskQueue,
    workflowId: `reconcile-test-${process.pid}-${++runs}`,
    args: [{ day, windowDays: 2, graceSeconds: 1 }],
  });
const open = async () => (await sys.db.query(`SELECT kind, subject, detail FROM transfers.reconciliation_mismatches WHERE resolved_at IS NULL ORDER BY id`)).rows;

it('reconciliation: nothing on a clean book; a planted mismatch recorded once over two runs, listed for operators, a metric, then cleared', async () => {
  const c = await customerWithSettledAdvance(sys, 3100);
  const pid = await plaidTransferIdOf(c.disbursement.id);
  expect(await reconcile()).toMatchObject({ plaidTransfers: 1, plaidEvents: 3, mismatches: 0 });
  expect(await open()).toEqual([]);

  // Planted: our side says the advance only posted, while Plaid says it settled.
  await sys.db.query(`UPDATE transfers.attempts SET status = 'posted' WHERE plaid_transfer_id = $1`, [pid]);
  expect(await reconcile()).toMatchObject({ mismatches: 1 });
  expect(await reconcile()).toMatchObject({ mismatches: 1 });
  expect(await open()).toEqual([{ kind: 'status_differs', subject: pid, detail: { transferId: c.disbursement.id, attempt: 1, ours: 'posted', plaid: 'settled' } }]);

  const operator = await signedInStaff(sys.api, 'operator');
  const listed = await call(sys.api, 'GET', '/v1/admin/reconciliation', { token: operator.token });
  expect(listed.status).toBe(200);
  expectDocumented('GET', '/v1/admin/reconciliation', listed);
  expect(listed.body).toMatchObject({ lastRun: { day, plaidTransfers: 1, mismatches: 1 }, mismatches: [{ kind: 'status_differs', subject: pid, firstSeenDay: day }] });
  const support = await signedInStaff(sys.api, 'support');
  expect((await call(sys.api, 'GET', '/v1/admin/reconciliation', { token: support.token })).status).toBe(403);
  expect(await apiMetrics().registry.getSingleMetricAsString('timely_reconciliation_open_mismatches')).toMatch(/timely_reconciliation_open_mismatches\{kind="status_differs",service="timely-api"\} 1/);

  // Put right: the next run no longer sees it, and clears it.
  await sys.db.query(`UPDATE transfers.attempts SET status = 'settled' WHERE plaid_transfer_id = $1`, [pid]);
  expect(await reconcile()).toMatchObject({ mismatches: 0 });
  expect(await open()).toEqual([]);
}, 120_000);

it("reconciliation with the customer's bank: each settled transfer's posting, in amount and direction, among the synced bank transactions; a planted difference recorded once, then cleared", async () => {
  const c = await customerWithSettledAdvance(sys, 2700);
  const pid = await plaidTransferIdOf(c.disbursement.id);
  // The sandbox booked the credit on the customer's account at settlement; the run has the bank module sync it.
  expect(await reconcile()).toMatchObject({ mismatches: 0 });
  const posting = async () =>
    (
      await sys.db.query(
        `SELECT transaction_id, amount_cents FROM bank.transactions WHERE item_id = (SELECT id FROM bank.items WHERE account_id = $1) AND name ILIKE '%TIMELY ADVANCE%' AND removed_at IS NULL`,
        [c.accountId],
      )
    ).rows;
  const [booked] = await posting();
  expect(Number(booked.amount_cents)).toBe(-2700); // Plaid's sign: money arrived

  // Planted: the bank's posting says money left the account instead.
  await sys.db.query(`UPDATE bank.transactions SET amount_cents = 2700 WHERE transaction_id = $1`, [booked.transaction_id]);
  expect(await reconcile()).toMatchObject({ mismatches: 1 });
  expect(await reconcile()).toMatchObject({ mismatches: 1 });
  expect(await open()).toEqual([
    {
      kind: 'posting_amount_differs',
      subject: pid,
      detail: expect.objectContaining({ transferId: c.disbursement.id, direction: 'credit', expectedCents: -2700, bookedCents: 2700, bankTransactionId: booked.transaction_id }),
    },
  ]);

  // Planted: the posting is gone from the synced transactions.
  await sys.db.query(`UPDATE bank.transactions SET amount_cents = -2700, removed_at = now() WHERE transaction_id = $1`, [booked.transaction_id]);
  expect(await reconcile()).toMatchObject({ mismatches: 1 });
  const kinds = (await sys.db.query(`SELECT kind, resolved_at IS NULL AS open FROM transfers.reconciliation_mismatches WHERE subject = $1 ORDER BY id`, [pid])).rows;
  expect(kinds).toEqual([
    { kind: 'posting_amount_differs', open: false },
    { kind: 'posting_missing', open: true },
  ]);
  expect((await open())[0].detail).toMatchObject({ transferId: c.disbursement.id, direction: 'credit', expectedCents: -2700 });
  expect(await apiMetrics().registry.getSingleMetricAsString('timely_reconciliation_open_mismatches')).toMatch(/kind="posting_missing",service="timely-api"\} 1/);

  // Put right: nothing open.
  await sys.db.query(`UPDATE bank.transactions SET removed_at = NULL WHERE transaction_id = $1`, [booked.transaction_id]);
  expect(await reconcile()).toMatchObject({ mismatches: 0 });
  expect(await open()).toEqual([]);
}, 120_000);

it('return-rate guard: at 0.4% unauthorized returns new repayment debits pause; an operator lifts it; both recorded; rates are metrics', async () => {
  // One debit, returned R10: 100% unauthorized over 60 days on this database.
  const c = await customerWithReturnedRepayment(sys, 'R10', 2000);
  const guard = (n: number) =>
    sys.temporal.client.workflow.execute(returnRateGuardWorkflow, { taskQueue: sys.temporal.taskQueue, workflowId: `guard-test-${process.pid}-${n}`, args: [{ day }] });
  expect(await guard(1)).toMatchObject({ debitEntries: 1, unauthorizedReturns: 1, paused: true, pausedNow: true });

  const other = await customerWithSettledAdvance(sys, 1500);
  const refused = await startRepaymentFromEvaluation(getPool(), { accountId: other.accountId, advanceId: other.disbursement.advanceId, amountCents: 1500, evaluationKey: `guard-${other.accountId}` });
  expect(refused).toEqual({ refused: expect.stringMatching(/^new repayment debits are paused: the 60-day unauthorized return rate is 100.00%/) });

  const operator = await signedInStaff(sys.api, 'operator');
  const state = await call(sys.api, 'GET', '/v1/admin/repayment-debits', { token: operator.token });
  expectDocumented('GET', '/v1/admin/repayment-debits', state);
  expect(state.body).toMatchObject({ paused: true, last: { action: 'pause', actor: 'system:return-rate-guard' }, returnRates: { day, debitEntries: 1, rates: { unauthorized: 1 } } });
  expect(await apiMetrics().registry.getSingleMetricAsString('timely_ach_debit_return_rate')).toMatch(/class="unauthorized".*\} 1/);
  expect(await apiMetrics().registry.getSingleMetricAsString('timely_repayment_debits_paused')).toMatch(/\} 1/);

  // Lifting needs a note, and lifts once.
  expect((await call(sys.api, 'POST', '/v1/admin/repayment-debits/lift-pause', { token: operator.token, body: {} })).status).toBe(400);
  const lifted = await call(sys.api, 'POST', '/v1/admin/repayment-debits/lift-pause', { token: operator.token, body: { note: 'R10 was a bank error, confirmed by phone' } });
  expect(lifted.status).toBe(200);
  expectDocumented('POST', '/v1/admin/repayment-debits/lift-pause', lifted);
  expect(lifted.body).toMatchObject({ paused: false, last: { action: 'lift', actor: `staff:${operator.id}`, reason: 'R10 was a bank error, confirmed by phone' } });
  expect((await call(sys.api, 'POST', '/v1/admin/repayment-debits/lift-pause', { token: operator.token, body: { note: 'again' } })).status).toBe(409);
  // The same day's computation does not undo the operator's lift.
  expect(await guard(2)).toMatchObject({ paused: false, pausedNow: false });
  const history = (await sys.db.query(`SELECT action, actor FROM transfers.repayment_debit_pauses ORDER BY id`)).rows;
  expect(history).toEqual([
    { action: 'pause', actor: 'system:return-rate-guard' },
    { action: 'lift', actor: `staff:${operator.id}` },
  ]);
  // The account whose debit was returned unauthorized stays stopped whatever the guard says.
  const stillStopped = await startRepaymentFromEvaluation(getPool(), { accountId: c.accountId, advanceId: c.disbursement.advanceId, amountCents: 2000, evaluationKey: `guard-${c.accountId}` });
  expect(stillStopped).toEqual({ refused: expect.stringMatching(/unauthorized return \(R10\)/) });
}, 120_000);
