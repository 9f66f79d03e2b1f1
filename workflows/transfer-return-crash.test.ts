/**
 * Returns and reconciliation exactly once under crashes, on a database of this file's own. The
 * worker runs in its own OS process and is frozen at a named point (activities/transfers/
 * crash-points.ts) and SIGKILLed from here; a fresh process takes over:
 * - after the event sync stored a late return but before it started the return's workflow;
 * - after the return was booked and committed, before Temporal heard of it;
 * - after the reconciliation recorded its mismatches, before the run was finished.
 * Afterwards: one return workflow, the reversal booked once, one debit stop, one mismatch row, and
 * a ledger that sums to zero.
 */
import { randomUUID } from 'node:crypto';
import { transferReturnWorkflowId } from '../activities/transfers/returns';
import { getTemporalClient } from '../platform/temporal-client';
import { type CrashHarness, startCrashHarness } from '../test/support/crash-harness';
import { handleOf, ledgerChecks, ledgerLinesOf, linkedCustomer, plaidTransferIdOf, simulate, startDisbursement, startRepayment } from '../test/support/transfers';
import { eventually } from '../test/support/wait';
import { reconciliationWorkflow } from './reconciliation';
import { transferEventSyncWorkflowId } from './transfer-event-sync';

let h: CrashHarness;
beforeAll(async () => {
  h = await startCrashHarness({ prefix: 'return-crash', isolatedDatabase: 'returncrash', env: { TRANSFER_POLL_INTERVAL_SECONDS: '2', TRANSFER_ESCALATE_AFTER_SECONDS: '3600' } });
});
afterEach(async () => {
  expect(await ledgerChecks(h.db)).toEqual({ total: 0, unbalanced: 0 });
});
afterAll(() => h.close());

it('books a late R10 once while the worker is killed after the sync stored it and after the return was booked', async () => {
  const c = await linkedCustomer(h.api);
  const client = getTemporalClient();
  const first = await h.worker();
  const d = await startDisbursement(client, c.accountId, 2700, { activityTimeoutSeconds: 2 });
  const dpid = await plaidTransferIdOf(d.id);
  await simulate(h.sandbox, dpid, 'posted', h.hook);
  await simulate(h.sandbox, dpid, 'settled', h.hook);
  await handleOf(client, d).result();
  const r = await startRepayment(client, d, 2700, 1, { activityTimeoutSeconds: 2 });
  const pid = await plaidTransferIdOf(r.id);
  for (const e of ['posted', 'settled', 'funds_available'] as const) await simulate(h.sandbox, pid, e, h.hook);
  await handleOf(client, r).result();
  await h.kill(first, [d.workflowId, r.workflowId, transferEventSyncWorkflowId(h.taskQueue)]);

  // The sync stores the return and is killed before it starts the return's workflow.
  const atSync = await h.worker('sync:after-commit');
  const returned = await h.sandbox.control<{ event_id: number }>('/transfers/return', { transfer_id: pid, code: 'R10', webhook: h.hook });
  await h.frozenAt(atSync, 'sync:after-commit', String(returned.event_id));
  await h.kill(atSync, [transferEventSyncWorkflowId(h.taskQueue)]);
  expect((await h.db.query('SELECT workflow_started_at FROM transfers.returns WHERE event_id = $1', [returned.event_id])).rows).toEqual([{ workflow_started_at: null }]);

  // The retried sync starts it; the return is booked, and the worker killed before Temporal hears of it.
  const returnId = transferReturnWorkflowId({ plaidTransferId: pid, eventId: returned.event_id });
  const atBooked = await h.worker('return:after-commit');
  await h.frozenAt(atBooked, 'return:after-commit', r.id);
  await h.kill(atBooked, [returnId, transferEventSyncWorkflowId(h.taskQueue)]);
  expect(await ledgerLinesOf(h.db, r.id)).toContain('1:returned customer_receivable 2700');

  await h.worker();
  const result = await eventually('the return workflow', () => client.workflow.getHandle(returnId).result().catch(() => undefined), 60_000, 500);
  expect(result).toEqual({ outcome: 'booked', transferId: r.id });
  expect(await ledgerLinesOf(h.db, r.id)).toEqual([
    '1:funds_available operating_cash 2700',
    '1:funds_available customer_receivable -2700',
    '1:returned customer_receivable 2700',
    '1:returned operating_cash -2700',
  ]);
  const runs = [];
  for await (const wf of client.workflow.list({ query: `WorkflowId = "${returnId}"` })) runs.push(wf.runId);
  expect(runs).toHaveLength(1);
  expect((await h.db.query('SELECT count(*)::int AS n FROM transfers.debit_stops WHERE account_id = $1', [c.accountId])).rows[0].n).toBe(1);
  expect((await h.db.query('SELECT status FROM transfers.advances WHERE id = $1', [d.advanceId])).rows[0].status).toBe('outstanding');
  await h.killAll();
}, 180_000);

it('records a planted reconciliation mismatch once when the run is killed after recording it', async () => {
  const c = await linkedCustomer(h.api);
  const client = getTemporalClient();
  const w0 = await h.worker();
  const d = await startDisbursement(client, c.accountId, 1900, { activityTimeoutSeconds: 2 });
  const pid = await plaidTransferIdOf(d.id);
  await simulate(h.sandbox, pid, 'posted', h.hook);
  await simulate(h.sandbox, pid, 'settled', h.hook);
  await handleOf(client, d).result();
  await h.kill(w0, [d.workflowId, transferEventSyncWorkflowId(h.taskQueue)]);
  // Planted: our side lost the amount Plaid moved.
  await h.db.query(`UPDATE transfers.transfers SET amount_cents = 1800 WHERE id = $1`, [d.id]);

  const day = new Date().toISOString().slice(0, 10);
  const workflowId = `reconcile-crash-${randomUUID()}`;
  const atRecorded = await h.worker('reconcile:after-mismatches');
  const handle = await client.workflow.start(reconciliationWorkflow, { taskQueue: h.taskQueue, workflowId, args: [{ day, windowDays: 2, graceSeconds: 1, heartbeatSeconds: 3 }] });
  await h.frozenAt(atRecorded, 'reconcile:after-mismatches', day);
  await h.kill(atRecorded, [workflowId]);
  await h.worker();
  expect(await handle.result()).toMatchObject({ mismatches: 2 });
  const rows = (await h.db.query(`SELECT kind, subject, resolved_at FROM transfers.reconciliation_mismatches ORDER BY kind`)).rows;
  expect(rows).toEqual([
    { kind: 'amount_differs', subject: pid, resolved_at: null },
    { kind: 'ledger_differs', subject: pid, resolved_at: null },
  ]);
  await h.db.query(`UPDATE transfers.transfers SET amount_cents = 1900 WHERE id = $1`, [d.id]);
  await h.killAll();
}, 180_000);
