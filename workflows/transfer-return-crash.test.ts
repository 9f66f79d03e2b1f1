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
import { Pool } from 'pg';
import type { CrashPoint } from '../activities/transfers/crash-points';
import { transferReturnWorkflowId } from '../activities/transfers/returns';
import { closePool } from '../db/pool';
import { resetConfigForTests } from '../platform/config';
import { closeTemporalClient, getTemporalClient } from '../platform/temporal-client';
import type { TestSandbox } from '../plaid-sandbox/test/harness';
import { startApi, TestApi } from '../test/support/api';
import { useIsolatedDatabase } from '../test/support/isolated-db';
import { startSandboxForTimely, useWebhookUrl } from '../test/support/plaid';
import { handleOf, ledgerChecks, ledgerLinesOf, linkedCustomer, plaidTransferIdOf, simulate, startDisbursement, startRepayment, webhookUrlOf } from '../test/support/transfers';
import { eventually } from '../test/support/wait';
import { startWorkerProcess, WorkerProcess } from '../test/support/worker-process';
import { reconciliationWorkflow } from './reconciliation';
import { transferEventSyncWorkflowId } from './transfer-event-sync';

let sandbox: TestSandbox;
let api: TestApi;
let db: Pool;
let hook: string;
let drop: () => Promise<void>;
const workers: WorkerProcess[] = [];
const taskQueue = `return-crash-${randomUUID()}`;

beforeAll(async () => {
  ({ drop } = await useIsolatedDatabase('returncrash'));
  sandbox = await startSandboxForTimely();
  process.env.TEMPORAL_TASK_QUEUE = taskQueue;
  process.env.TRANSFER_POLL_INTERVAL_SECONDS = '2';
  process.env.TRANSFER_ESCALATE_AFTER_SECONDS = '3600';
  resetConfigForTests();
  api = await startApi();
  useWebhookUrl(api.url);
  hook = webhookUrlOf(api);
  db = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
});
afterEach(async () => {
  expect(await ledgerChecks(db)).toEqual({ total: 0, unbalanced: 0 });
});
afterAll(async () => {
  for (const w of workers) await w.kill();
  await api.close();
  await sandbox.close();
  await db.end();
  await closeTemporalClient();
  await closePool();
  await drop();
});

async function worker(pauseAt?: CrashPoint): Promise<WorkerProcess> {
  const w = await startWorkerProcess({ TEMPORAL_TASK_QUEUE: taskQueue, PLAID_LOCAL_URL: sandbox.url, PLAID_ENV: 'local', DATABASE_URL: process.env.DATABASE_URL!, TIMELY_TEST_PAUSE_AT: pauseAt ?? '' });
  workers.push(w);
  return w;
}

/** SIGKILL, and tell Temporal the killed worker's sticky queues are gone (only latency; see transfer-crash.test.ts). */
async function kill(w: WorkerProcess, workflowIds: string[]): Promise<void> {
  await w.kill('SIGKILL');
  expect(w.proc.signalCode).toBe('SIGKILL');
  for (const workflowId of workflowIds)
    await getTemporalClient()
      .workflowService.resetStickyTaskQueue({ namespace: 'default', execution: { workflowId } })
      .catch(() => undefined);
}

const frozenAt = (w: WorkerProcess, point: CrashPoint, id: string) => w.waitForLine((l) => l.includes('crash point reached') && l.includes(`"${point}"`) && l.includes(id), 60_000);

it('books a late R10 once while the worker is killed after the sync stored it and after the return was booked', async () => {
  const c = await linkedCustomer(api);
  const client = getTemporalClient();
  const first = await worker();
  const d = await startDisbursement(client, c.accountId, 2700, { activityTimeoutSeconds: 2 });
  const dpid = await plaidTransferIdOf(d.id);
  await simulate(sandbox, dpid, 'posted', hook);
  await simulate(sandbox, dpid, 'settled', hook);
  await handleOf(client, d).result();
  const r = await startRepayment(client, d, 2700, 1, { activityTimeoutSeconds: 2 });
  const pid = await plaidTransferIdOf(r.id);
  for (const e of ['posted', 'settled', 'funds_available'] as const) await simulate(sandbox, pid, e, hook);
  await handleOf(client, r).result();
  await kill(first, [d.workflowId, r.workflowId, transferEventSyncWorkflowId(taskQueue)]);

  // The sync stores the return and is killed before it starts the return's workflow.
  const atSync = await worker('sync:after-commit');
  const returned = await sandbox.control<{ event_id: number }>('/transfers/return', { transfer_id: pid, code: 'R10', webhook: hook });
  await frozenAt(atSync, 'sync:after-commit', String(returned.event_id));
  await kill(atSync, [transferEventSyncWorkflowId(taskQueue)]);
  expect((await db.query('SELECT workflow_started_at FROM transfers.returns WHERE event_id = $1', [returned.event_id])).rows).toEqual([{ workflow_started_at: null }]);

  // The retried sync starts it; the return is booked, and the worker killed before Temporal hears of it.
  const returnId = transferReturnWorkflowId(returned.event_id);
  const atBooked = await worker('return:after-commit');
  await frozenAt(atBooked, 'return:after-commit', r.id);
  await kill(atBooked, [returnId, transferEventSyncWorkflowId(taskQueue)]);
  expect(await ledgerLinesOf(db, r.id)).toContain('1:returned customer_receivable 2700');

  await worker();
  const result = await eventually('the return workflow', () => client.workflow.getHandle(returnId).result().catch(() => undefined), 60_000, 500);
  expect(result).toEqual({ outcome: 'booked', transferId: r.id });
  expect(await ledgerLinesOf(db, r.id)).toEqual([
    '1:funds_available operating_cash 2700',
    '1:funds_available customer_receivable -2700',
    '1:returned customer_receivable 2700',
    '1:returned operating_cash -2700',
  ]);
  const runs = [];
  for await (const wf of client.workflow.list({ query: `WorkflowId = "${returnId}"` })) runs.push(wf.runId);
  expect(runs).toHaveLength(1);
  expect((await db.query('SELECT count(*)::int AS n FROM transfers.debit_stops WHERE account_id = $1', [c.accountId])).rows[0].n).toBe(1);
  expect((await db.query('SELECT status FROM transfers.advances WHERE id = $1', [d.advanceId])).rows[0].status).toBe('outstanding');
  for (const w of workers) await w.kill();
}, 180_000);

it('records a planted reconciliation mismatch once when the run is killed after recording it', async () => {
  const c = await linkedCustomer(api);
  const client = getTemporalClient();
  const w0 = await worker();
  const d = await startDisbursement(client, c.accountId, 1900, { activityTimeoutSeconds: 2 });
  const pid = await plaidTransferIdOf(d.id);
  await simulate(sandbox, pid, 'posted', hook);
  await simulate(sandbox, pid, 'settled', hook);
  await handleOf(client, d).result();
  await kill(w0, [d.workflowId, transferEventSyncWorkflowId(taskQueue)]);
  // Planted: our side lost the amount Plaid moved.
  await db.query(`UPDATE transfers.transfers SET amount_cents = 1800 WHERE id = $1`, [d.id]);

  const day = new Date().toISOString().slice(0, 10);
  const workflowId = `reconcile-crash-${randomUUID()}`;
  const atRecorded = await worker('reconcile:after-mismatches');
  const handle = await client.workflow.start(reconciliationWorkflow, { taskQueue, workflowId, args: [{ day, windowDays: 2, graceSeconds: 1, heartbeatSeconds: 3 }] });
  await frozenAt(atRecorded, 'reconcile:after-mismatches', day);
  await kill(atRecorded, [workflowId]);
  await worker();
  expect(await handle.result()).toMatchObject({ mismatches: 2 });
  const rows = (await db.query(`SELECT kind, subject, resolved_at FROM transfers.reconciliation_mismatches ORDER BY kind`)).rows;
  expect(rows).toEqual([
    { kind: 'amount_differs', subject: pid, resolved_at: null },
    { kind: 'ledger_differs', subject: pid, resolved_at: null },
  ]);
  await db.query(`UPDATE transfers.transfers SET amount_cents = 1900 WHERE id = $1`, [d.id]);
  for (const w of workers) await w.kill();
}, 180_000);
