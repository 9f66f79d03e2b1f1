/**
 * Exactly once under crashes. The worker runs in its own OS process; at each step of a transfer
 * (after Plaid authorized, before and after /transfer/create, after our write of the pending
 * posting, after an event is recorded, and idle between events while Plaid moves on) a worker is
 * frozen at that exact point (activities/transfers/crash-points.ts logs it and waits) and
 * SIGKILLed from here; a fresh process takes over. Afterwards: one authorization and one transfer
 * at Plaid per presentment, one attempt row, each Plaid event stored once, exactly the ledger
 * lines of one run, and a ledger that sums to zero.
 */
import { recordHistory } from '../test/support/record-history';
import type { CrashPoint } from '../activities/transfers/crash-points';
import type { TransferRow } from '../activities/transfers/transfers-store';
import { getTemporalClient } from '../platform/temporal-client';
import { type CrashHarness, startCrashHarness } from '../test/support/crash-harness';
import {
  handleOf,
  ledgerChecks,
  ledgerLinesOf,
  linkedCustomer,
  plaidSideOf,
  plaidTransferIdOf,
  simulate,
  startDisbursement,
  startRepayment,
  stateWhere,
} from '../test/support/transfers';
import type { WorkerProcess } from '../test/support/worker-process';
import { transferEventSyncWorkflowId } from './transfer-event-sync';

let h: CrashHarness;
/** A killed worker's activity is retried after this (the workflow's start-to-close timeout). */
const ACTIVITY_TIMEOUT = { activityTimeoutSeconds: 2 };

beforeAll(async () => {
  h = await startCrashHarness({ prefix: 'transfer-crash', env: { TRANSFER_POLL_INTERVAL_SECONDS: '2', TRANSFER_ESCALATE_AFTER_SECONDS: '3600' } });
});
afterEach(async () => {
  expect(await ledgerChecks(h.db)).toEqual({ total: 0, unbalanced: 0 });
});
afterAll(() => h.close());

/** SIGKILLs a worker process; the transfer's and the event sync's next tasks go to the shared queue at once. */
const kill = (w: WorkerProcess, t: TransferRow) => h.kill(w, [t.workflowId, transferEventSyncWorkflowId(h.taskQueue)]);
const worker = (pauseAt?: CrashPoint) => h.worker(pauseAt);

/**
 * A worker that runs until the transfer reaches `point`, freezes there, and is SIGKILLed.
 * `meanwhile` runs once the worker polls (e.g. Plaid moves the transfer on). Returns the time of the kill.
 */
async function killedAt(point: CrashPoint, t: TransferRow, meanwhile: () => Promise<void> = async () => undefined): Promise<number> {
  const w = await worker(point);
  await meanwhile();
  await h.frozenAt(w, point, t.id);
  await kill(w, t);
  return Date.now();
}

/** How often Temporal started each activity task of the run (more than once = it was retried after a kill). */
async function activityAttempts(t: TransferRow): Promise<Record<string, number>> {
  const h = await handleOf(getTemporalClient(), t).fetchHistory();
  const scheduled = new Map<number, string>();
  const attempts: Record<string, number> = {};
  for (const e of h.events ?? []) {
    const s = e.activityTaskScheduledEventAttributes;
    if (s) scheduled.set(Number(e.eventId), s.activityType!.name!);
    const st = e.activityTaskStartedEventAttributes;
    if (st) {
      const name = scheduled.get(Number(st.scheduledEventId))!;
      attempts[name] = Math.max(attempts[name] ?? 0, st.attempt ?? 1);
    }
  }
  return attempts;
}

/**
 * When each local activity of the run (an attempt's start steps) last completed, from its marker.
 * A step that completed after the kill of the worker frozen inside it ran again in a later process:
 * the killed worker's workflow task timed out, and the next worker's ran the step once more.
 */
async function localStepsCompletedAt(t: TransferRow): Promise<Record<string, number>> {
  const h = await handleOf(getTemporalClient(), t).fetchHistory();
  const completed: Record<string, number> = {};
  for (const e of h.events ?? []) {
    const m = e.markerRecordedEventAttributes;
    if (m?.markerName !== 'core_local_activity') continue;
    const data = JSON.parse(Buffer.from(m.details!.data!.payloads![0].data!).toString()) as { activity_type: string; complete_time: { seconds: number; nanos: number } };
    completed[data.activity_type] = data.complete_time.seconds * 1000 + data.complete_time.nanos / 1e6;
  }
  return completed;
}

async function assertOneRun(t: TransferRow) {
  const runs = [];
  for await (const wf of getTemporalClient().workflow.list({ query: `WorkflowId = "${t.workflowId}"` })) runs.push(wf.runId);
  expect(runs).toHaveLength(1);
  expect((await h.db.query('SELECT count(*)::int AS n FROM transfers.attempts WHERE transfer_id = $1', [t.id])).rows[0].n).toBe(1);
  const postings = (await h.db.query('SELECT posting_key, count(*)::int AS n FROM transfers.ledger_postings WHERE transfer_id = $1 GROUP BY posting_key', [t.id])).rows;
  expect(postings.every((p) => p.n === 1)).toBe(true);
}

it('moves an advance (credit) exactly once while its worker is killed before, during and after /transfer/create and between events', async () => {
  const c = await linkedCustomer(h.api);
  const client = getTemporalClient();
  const d = await startDisbursement(client, c.accountId, 4200, ACTIVITY_TIMEOUT);

  // Plaid authorized, not yet stored.
  const killedAuthorizing = await killedAt('authorize:after-plaid', d);
  // Authorized and stored; /transfer/create not called.
  await killedAt('create:before-plaid', d);
  expect((await plaidSideOf(h.db, c.accountId)).transfers).toHaveLength(0);
  // Plaid created the transfer; we have not stored it: the retry must find the same one.
  await killedAt('create:after-plaid', d);
  expect((await plaidSideOf(h.db, c.accountId)).transfers).toHaveLength(1);
  // Stored, pending posted to the ledger, the activity not reported: the retry books nothing.
  const killedCreating = await killedAt('create:after-commit', d);
  expect(await ledgerLinesOf(h.db, d.id)).toEqual(['1:pending customer_receivable 4200', '1:pending ach_suspense -4200']);

  // Plaid posts it; the event is recorded and committed, the activity not reported.
  const pid = await plaidTransferIdOf(d.id);
  await killedAt('event:posted:after-commit', d, () => simulate(h.sandbox, pid, 'posted', h.hook));
  const idle = await worker();
  await stateWhere(client, d, 'posted', (s) => s.status === 'posted', 60_000);
  // Between events with nothing in flight: kill, let Plaid settle while no worker runs, restart.
  await kill(idle, d);
  await simulate(h.sandbox, pid, 'settled', h.hook);
  await killedAt('event:settled:after-commit', d);
  await worker();
  const done = await handleOf(client, d).result();

  expect(done).toMatchObject({ status: 'completed', attempt: 1 });
  expect(done.history.map((h) => h.event)).toEqual(['plaid.authorization', 'plaid.create', 'plaid.pending', 'plaid.posted', 'plaid.settled', 'completed']);
  const plaid = await plaidSideOf(h.db, c.accountId);
  expect(plaid).toEqual({ transfers: [{ id: pid, amount: '42.00', description: 'Timely advance', status: 'settled' }], authorizations: 1 });
  expect(await ledgerLinesOf(h.db, d.id)).toEqual([
    '1:pending customer_receivable 4200',
    '1:pending ach_suspense -4200',
    '1:settled ach_suspense 4200',
    '1:settled operating_cash -4200',
  ]);
  const events = (await h.db.query('SELECT event_type FROM transfers.plaid_events WHERE plaid_transfer_id = $1 ORDER BY event_id', [pid])).rows.map((r) => r.event_type);
  expect(events).toEqual(['pending', 'posted', 'settled']);
  await assertOneRun(d);
  // Every killed step really ran again in the next process.
  const local = await localStepsCompletedAt(d);
  expect(local.authorizePlaidTransfer).toBeGreaterThan(killedAuthorizing);
  expect(local.createPlaidTransfer).toBeGreaterThan(killedCreating);
  expect((await activityAttempts(d)).recordTransferEvent).toBeGreaterThanOrEqual(2);
  await recordHistory(getTemporalClient(), d.workflowId, 'transfer-credit-crashes-local-start');
  await h.killAll();
}, 240_000); // six worker processes start one after another: slow on a busy 2-core machine

it('collects a repayment (debit) exactly once while its worker is killed after /transfer/create and after funds_available is booked', async () => {
  const c = await linkedCustomer(h.api);
  const client = getTemporalClient();
  // The advance goes out undisturbed.
  const first = await worker();
  const d = await startDisbursement(client, c.accountId, 3500, ACTIVITY_TIMEOUT);
  const dpid = await plaidTransferIdOf(d.id);
  await simulate(h.sandbox, dpid, 'posted', h.hook);
  await simulate(h.sandbox, dpid, 'settled', h.hook);
  await handleOf(client, d).result();
  await kill(first, d);

  const r = await startRepayment(client, d, 3500, 1, ACTIVITY_TIMEOUT);
  // Plaid took the debit, we have not stored it: a second create would take the money twice.
  const killedCreating = await killedAt('create:after-plaid', r);
  const atPlaid = (await plaidSideOf(h.db, c.accountId)).transfers;
  expect(atPlaid).toHaveLength(2);
  // Both transfers share the sandbox clock's instant, so pick the repayment by id, not by order.
  const pid = atPlaid.find((x) => x.id !== dpid)!.id;
  // Plaid moves it to funds_available; the success is booked, the activity not reported.
  await killedAt('event:funds_available:after-commit', r, async () => {
    for (const e of ['posted', 'settled', 'funds_available'] as const) await simulate(h.sandbox, pid, e, h.hook);
  });
  await worker();
  expect(await handleOf(client, r).result()).toMatchObject({ status: 'completed', attempt: 1 });

  expect((await plaidSideOf(h.db, c.accountId)).transfers.map((x) => [x.amount, x.description, x.status]).sort()).toEqual([
    ['35.00', 'Timely advance', 'settled'],
    ['35.00', 'Timely repay', 'funds_available'],
  ]);
  expect((await plaidSideOf(h.db, c.accountId)).authorizations).toBe(2);
  expect(await ledgerLinesOf(h.db, r.id)).toEqual(['1:funds_available operating_cash 3500', '1:funds_available customer_receivable -3500']);
  const owed = await h.db.query(`SELECT coalesce(sum(amount_cents), 0)::int AS s FROM transfers.ledger_lines WHERE ledger_account = $1`, [`customer_receivable:${c.accountId}`]);
  expect(owed.rows[0].s).toBe(0);
  expect((await h.db.query('SELECT status FROM transfers.advances WHERE id = $1', [d.advanceId])).rows[0].status).toBe('repaid');
  await assertOneRun(r);
  expect((await localStepsCompletedAt(r)).createPlaidTransfer).toBeGreaterThan(killedCreating);
  expect((await activityAttempts(r)).recordTransferEvent).toBeGreaterThanOrEqual(2);
  await h.killAll();
}, 240_000); // six worker processes start one after another: slow on a busy 2-core machine
