/**
 * transferWorkflow end to end on the real dev server: a real worker, the local Plaid sandbox (its
 * Transfer endpoints and signed TRANSFER_EVENTS_UPDATE webhooks), the API receiving them, and the
 * ledger in PostgreSQL. Every test ends with a ledger that sums to zero.
 */
import { startSystem, TestSystem } from '../test/support/system';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { recordHistory } from '../test/support/record-history';
import { Pool } from 'pg';
import { getPool } from '../db/pool';
import { resetConfigForTests } from '../platform/config';
import { ManualClock } from '../plaid-sandbox/clock';
import { startTestSandbox, type TestSandbox } from '../plaid-sandbox/test/harness';
import { TestApi } from '../test/support/api';
import { TestTemporal } from '../test/support/temporal';
import { handleOf, ledgerChecks, ledgerLinesOf, linkedCustomer, plaidSideOf, plaidTransferIdOf, simulate, startDisbursement, startRepayment, stateWhere, webhookUrlOf } from '../test/support/transfers';
import { eventually } from '../test/support/wait';
import { openAdvance, type TransferRow } from '../activities/transfers/transfers-store';
import { cancelTransferUpdate, retryTransferUpdate, transferIdempotencyKey, TransferState } from './transfer';
import { transferEventSyncWorkflow } from './transfer-event-sync';

let sandbox: TestSandbox;
let api: TestApi;
let t: TestTemporal;
let db: Pool;
let hook: string;

let sys: TestSystem;

beforeAll(async () => {
  sys = await startSystem({ env: { TRANSFER_POLL_INTERVAL_SECONDS: '2', TRANSFER_ESCALATE_AFTER_SECONDS: '3600' } });
  ({ sandbox, api, temporal: t, db } = sys);
  hook = webhookUrlOf(api);
});
afterEach(async () => {
  expect(await ledgerChecks(db)).toEqual({ total: 0, unbalanced: 0 });
});
afterAll(() => sys.close());

const record = (t0: TransferRow, name: string) => recordHistory(t.client, t0.workflowId, name);

const row = async (id: string) => (await db.query('SELECT status, return_code, failure_reason, escalated_at FROM transfers.transfers WHERE id = $1', [id])).rows[0];
const advanceOf = async (id: string) => (await db.query('SELECT status FROM transfers.advances WHERE id = $1', [id])).rows[0].status;
const outstanding = async (accountId: string) =>
  Number((await db.query(`SELECT coalesce(sum(amount_cents), 0) AS s FROM transfers.ledger_lines WHERE ledger_account = $1`, [`customer_receivable:${accountId}`])).rows[0].s);

/** An advance that went all the way: pending -> posted -> settled. */
async function disbursed(accountId: string, cents: number) {
  const d = await startDisbursement(t.client, accountId, cents);
  const pid = await plaidTransferIdOf(d.id);
  await simulate(sandbox, pid, 'posted', hook);
  await simulate(sandbox, pid, 'settled', hook);
  await handleOf(t.client, d).result();
  return d;
}

/** A transfer that reached needs_attention after `steps` at Plaid. */
async function endedBadly(tr: TransferRow, steps: [event: 'posted' | 'failed' | 'returned', code?: string][], attempt = 1): Promise<TransferState> {
  const pid = await plaidTransferIdOf(tr.id, attempt);
  for (const [event, code] of steps) await simulate(sandbox, pid, event, hook, code);
  return stateWhere(t.client, tr, 'needs attention', (s) => s.status === 'needs_attention' && s.attempt === attempt);
}

it('credit: an advance is authorized, created with its idempotency key, settles, and is owed', async () => {
  const c = await linkedCustomer(api);
  const d = await startDisbursement(t.client, c.accountId, 2599);
  const pid = await plaidTransferIdOf(d.id);

  // Pending: the advance counts as owed from the moment it is sent.
  expect(await ledgerLinesOf(db, d.id)).toEqual(['1:pending customer_receivable 2599', '1:pending ach_suspense -2599']);
  const atPlaid = await plaidSideOf(db, c.accountId);
  expect(atPlaid.transfers).toEqual([{ id: pid, amount: '25.99', description: 'Timely advance', status: 'pending' }]);
  const attempt = (await db.query('SELECT idempotency_key, status FROM transfers.attempts WHERE transfer_id = $1', [d.id])).rows;
  expect(attempt).toEqual([{ idempotency_key: transferIdempotencyKey(d.id, 'disbursement', 1), status: 'pending' }]);
  expect((await handleOf(t.client, d).query('transferState')) as TransferState).toMatchObject({ status: 'pending', attempt: 1 });

  await simulate(sandbox, pid, 'posted', hook);
  await stateWhere(t.client, d, 'posted', (s) => s.status === 'posted');
  expect((await row(d.id)).status).toBe('posted');
  await simulate(sandbox, pid, 'settled', hook);
  const done = await handleOf(t.client, d).result();

  expect(done).toMatchObject({ status: 'completed', attempt: 1, returnCode: null });
  expect(done.attempts).toEqual([expect.objectContaining({ attempt: 1, plaidTransferId: pid, status: 'settled', settledOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })]);
  expect(done.history.map((h) => h.event)).toEqual(['plaid.authorization', 'plaid.create', 'plaid.pending', 'plaid.posted', 'plaid.settled', 'completed']);
  expect((await row(d.id)).status).toBe('completed');
  expect(await advanceOf(d.advanceId)).toBe('outstanding');
  expect(await ledgerLinesOf(db, d.id)).toEqual([
    '1:pending customer_receivable 2599',
    '1:pending ach_suspense -2599',
    '1:settled ach_suspense 2599',
    '1:settled operating_cash -2599',
  ]);
  expect(await outstanding(c.accountId)).toBe(2599);
  // Each Plaid event is stored once.
  const events = (await db.query('SELECT event_type FROM transfers.plaid_events WHERE plaid_transfer_id = $1 ORDER BY event_id', [pid])).rows.map((r) => r.event_type);
  expect(events).toEqual(['pending', 'posted', 'settled']);

  // Operators find the run by account and status.
  const found = await eventually('the run by search attributes', async () => {
    for await (const wf of t.client.workflow.list({ query: `AccountId = "${c.accountId}" AND TimelyStatus = "completed"` })) return wf.workflowId;
    return undefined;
  });
  expect(found).toBe(d.workflowId);
  await record(d, 'transfer-credit-settled');
});

it('debit: a repayment succeeds only at funds_available, and the advance is repaid', async () => {
  const c = await linkedCustomer(api);
  const d = await disbursed(c.accountId, 2000);
  const r = await startRepayment(t.client, d, 2000);
  const pid = await plaidTransferIdOf(r.id);
  expect((await plaidSideOf(db, c.accountId)).transfers[1]).toEqual({ id: pid, amount: '20.00', description: 'Timely repay', status: 'pending' });

  await simulate(sandbox, pid, 'posted', hook);
  await simulate(sandbox, pid, 'settled', hook);
  await stateWhere(t.client, r, 'settled', (s) => s.status === 'settled');
  // Settled is not yet ours to use: nothing is booked and the advance is still owed.
  expect(await ledgerLinesOf(db, r.id)).toEqual([]);
  expect(await outstanding(c.accountId)).toBe(2000);

  await simulate(sandbox, pid, 'funds_available', hook);
  const done = await handleOf(t.client, r).result();
  expect(done).toMatchObject({ status: 'completed', attempt: 1 });
  expect(await ledgerLinesOf(db, r.id)).toEqual(['1:funds_available operating_cash 2000', '1:funds_available customer_receivable -2000']);
  expect(await outstanding(c.accountId)).toBe(0);
  expect(await advanceOf(d.advanceId)).toBe('repaid');
  await record(r, 'transfer-debit-funds-available');
});

it('puts each failure class in front of support, with the retry rule that applies', async () => {
  // Seven transfers at once, one per class; each customer has $100 available.
  const make = async (kind: 'debit' | 'credit', cents = 1500) => {
    const c = await linkedCustomer(api);
    return kind === 'credit' ? startDisbursement(t.client, c.accountId, cents) : startRepayment(t.client, await startDisbursementRow(c.accountId), cents);
  };
  const cases: { name: string; make: () => Promise<TransferRow>; steps: [event: 'posted' | 'failed' | 'returned', code?: string][]; allowed: RegExp | null; refused: RegExp | null; code: string | null }[] = [
    { name: 'failed before the network', make: () => make('debit'), steps: [['failed']], allowed: /never reached the ACH network/, refused: null, code: null },
    { name: 'R01 insufficient funds', make: () => make('debit'), steps: [['posted'], ['returned', 'R01']], allowed: /re-presentment 1 of 2/, refused: null, code: 'R01' },
    { name: 'R09 uncollected funds', make: () => make('debit'), steps: [['posted'], ['returned', 'R09']], allowed: /re-presentment 1 of 2/, refused: null, code: 'R09' },
    { name: 'R07 authorization revoked', make: () => make('debit'), steps: [['posted'], ['returned', 'R07']], allowed: null, refused: /R07.*new authorization/, code: 'R07' },
    { name: 'R02 account closed', make: () => make('debit'), steps: [['posted'], ['returned', 'R02']], allowed: null, refused: /R02.*never presented again/, code: 'R02' },
    { name: 'R06 (correction required)', make: () => make('debit'), steps: [['posted'], ['returned', 'R06']], allowed: null, refused: /R06.*corrected/, code: 'R06' },
    { name: 'a returned advance (credit)', make: () => make('credit'), steps: [['posted'], ['returned', 'R03']], allowed: null, refused: /never presented again|not re-sent/, code: 'R03' },
  ];
  await Promise.all(
    cases.map(async (k) => {
      const tr = await k.make();
      const s = await endedBadly(tr, k.steps);
      expect({ name: k.name, code: s.returnCode }).toEqual({ name: k.name, code: k.code });
      expect(s.failureReason).toEqual(expect.any(String));
      const db0 = await row(tr.id);
      expect({ name: k.name, status: db0.status, code: db0.return_code }).toEqual({ name: k.name, status: 'needs_attention', code: k.code });
      const h = handleOf(t.client, tr);
      if (k.refused) {
        const err = await h.executeUpdate(retryTransferUpdate, { args: [{ staffId: 'test:support', note: 'workflow test' }] }).catch((e) => e);
        expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
        expect({ name: k.name, rule: err.cause.message }).toEqual({ name: k.name, rule: expect.stringMatching(k.refused) });
        expect((await h.query('transferState')) as TransferState).toMatchObject({ status: 'needs_attention', attempt: 1 });
      } else {
        const after = await h.executeUpdate(retryTransferUpdate, { args: [{ staffId: 'test:support', note: 'workflow test' }] });
        expect(after.history.find((e) => e.event === 'support.retry')?.detail).toMatch(k.allowed!);
        // The second presentment is a new Plaid transfer; cancelled while pending.
        const second = await plaidTransferIdOf(tr.id, 2);
        await stateWhere(t.client, tr, 'second attempt pending', (x) => x.status === 'pending' && x.attempt === 2);
        const desc = (await plaidSideOf(db, tr.accountId)).transfers.find((p) => p.id === second)!.description;
        expect({ name: k.name, desc }).toEqual({ name: k.name, desc: k.code ? 'RETRY PYMT' : 'Timely repay' });
        await h.executeUpdate(cancelTransferUpdate, { args: [{ staffId: 'test:support', note: 'workflow test' }] });
        const end = await h.result();
        expect(end).toMatchObject({ status: 'cancelled', attempt: 2 });
        expect(end.attempts.map((a) => a.status)).toEqual([k.code ? 'returned' : 'failed', 'cancelled']);
      }
    }),
  );
}, 90_000);

/** A bare advance for a repayment's tests (its disbursement is not run, so nothing is owed in the ledger). */
async function startDisbursementRow(accountId: string) {
  const { transfer } = await openAdvance(getPool(), { accountId, amountCents: 1500, evaluationId: null }, (id) => `unused-${id}`);
  return transfer;
}

it('declines a debit the balance cannot cover (NSF) and lets support retry it', async () => {
  const c = await linkedCustomer(api);
  const r = await startRepayment(t.client, await startDisbursementRow(c.accountId), 15_000);
  const s = await stateWhere(t.client, r, 'declined', (x) => x.status === 'needs_attention');
  expect(s.attempts).toEqual([expect.objectContaining({ status: 'declined', plaidTransferId: null, failureReason: expect.stringMatching(/declined: NSF/) })]);
  expect((await row(r.id)).failure_reason).toMatch(/NSF/);
  expect((await plaidSideOf(db, c.accountId)).transfers).toEqual([]);
  // Still too much: the retry is a new authorization, declined again.
  await handleOf(t.client, r).executeUpdate(retryTransferUpdate, { args: [{ staffId: 'test:support', note: 'workflow test' }] });
  const again = await stateWhere(t.client, r, 'declined twice', (x) => x.status === 'needs_attention' && x.attempt === 2);
  expect(again.attempts.map((a) => a.status)).toEqual(['declined', 'declined']);
  expect((await plaidSideOf(db, c.accountId)).authorizations).toBe(2);
  await handleOf(t.client, r).executeUpdate(cancelTransferUpdate, { args: [{ staffId: 'test:support', note: 'workflow test' }] });
  expect(await handleOf(t.client, r).result()).toMatchObject({ status: 'cancelled' });
});

it('re-presents an R01 return at most twice, then refuses with the Nacha rule', async () => {
  const c = await linkedCustomer(api);
  const d = await disbursed(c.accountId, 1000);
  const r = await startRepayment(t.client, d, 1000);
  const h = handleOf(t.client, r);
  await endedBadly(r, [['posted'], ['returned', 'R01']], 1);
  await h.executeUpdate(retryTransferUpdate, { args: [{ staffId: 'test:support', note: 'workflow test' }] });
  await endedBadly(r, [['posted'], ['returned', 'R01']], 2);
  await h.executeUpdate(retryTransferUpdate, { args: [{ staffId: 'test:support', note: 'workflow test' }] });
  const third = await endedBadly(r, [['posted'], ['returned', 'R01']], 3);
  expect(third.attempts.map((a) => a.status)).toEqual(['returned', 'returned', 'returned']);
  const err = await h.executeUpdate(retryTransferUpdate, { args: [{ staffId: 'test:support', note: 'workflow test' }] }).catch((e) => e);
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  expect(err.cause.message).toMatch(/already presented again 2 times; Nacha allows at most 2/);
  expect((await plaidSideOf(db, c.accountId)).transfers.map((p) => p.description)).toEqual(['Timely advance', 'Timely repay', 'RETRY PYMT', 'RETRY PYMT']);
  // Nothing of a returned debit is booked; the advance is still owed in full.
  expect(await ledgerLinesOf(db, r.id)).toEqual([]);
  expect(await outstanding(c.accountId)).toBe(1000);
  await h.executeUpdate(cancelTransferUpdate, { args: [{ staffId: 'test:support', note: 'workflow test' }] });
  await h.result();
  await record(r, 'transfer-debit-returned-retried');
});

it('refuses to re-present an R01 return more than 180 days after the original entry', async () => {
  // A second sandbox over the same data whose clock stands 200 days back: Plaid's events for this
  // transfer are dated then. Its webhooks carry a 200-day-old signature (refused, as they must be),
  // so the periodic sync brings the events in.
  const past = await startTestSandbox({ credentials: undefined, clock: new ManualClock(new Date(Date.now() - 200 * 86_400_000)) });
  try {
    const c = await linkedCustomer(api);
    const r = await startRepayment(t.client, await startDisbursementRow(c.accountId), 800);
    const pid = await plaidTransferIdOf(r.id);
    await simulate(past, pid, 'posted', hook);
    await simulate(past, pid, 'returned', hook, 'R01');
    await t.client.workflow.execute(transferEventSyncWorkflow, { taskQueue: t.taskQueue, workflowId: `sync-test-${r.id}`, args: [] });
    const s = await stateWhere(t.client, r, 'returned', (x) => x.status === 'needs_attention');
    expect(s.attempts[0]).toMatchObject({ status: 'returned', returnCode: 'R01', postedOn: new Date(Date.now() - 200 * 86_400_000).toISOString().slice(0, 10) });
    const err = await handleOf(t.client, r).executeUpdate(retryTransferUpdate, { args: [{ staffId: 'test:support', note: 'workflow test' }] }).catch((e) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(err.cause.message).toMatch(/within 180 days of the original settlement .*the window closed on/);
    await handleOf(t.client, r).executeUpdate(cancelTransferUpdate, { args: [{ staffId: 'test:support', note: 'workflow test' }] });
    await handleOf(t.client, r).result();
  } finally {
    await past.close();
  }
});

it('cancels a pending advance at Plaid and a returned one waiting for support', async () => {
  const c1 = await linkedCustomer(api);
  const pending = await startDisbursement(t.client, c1.accountId, 1200);
  const pid = await plaidTransferIdOf(pending.id);
  await stateWhere(t.client, pending, 'pending', (s) => s.status === 'pending');
  const accepted = await handleOf(t.client, pending).executeUpdate(cancelTransferUpdate, { args: [{ staffId: 'test:support', note: 'workflow test' }] });
  expect(['cancelling', 'cancelled']).toContain(accepted.status);
  const end = await handleOf(t.client, pending).result();
  expect(end).toMatchObject({ status: 'cancelled' });
  expect(end.history.map((x) => x.event)).toEqual(expect.arrayContaining(['support.cancel', 'plaid.cancel', 'plaid.cancelled', 'cancelled']));
  expect((await plaidSideOf(db, c1.accountId)).transfers).toEqual([expect.objectContaining({ id: pid, status: 'cancelled' })]);
  expect(await advanceOf(pending.advanceId)).toBe('cancelled');
  // Booked at pending, reversed at cancelled: nothing owed.
  expect(await ledgerLinesOf(db, pending.id)).toEqual([
    '1:pending customer_receivable 1200',
    '1:pending ach_suspense -1200',
    '1:cancelled ach_suspense 1200',
    '1:cancelled customer_receivable -1200',
  ]);
  expect(await outstanding(c1.accountId)).toBe(0);

  const c2 = await linkedCustomer(api);
  const returned = await startDisbursement(t.client, c2.accountId, 1300);
  await endedBadly(returned, [['posted'], ['returned', 'R03']]);
  // Posted, not pending: a posted transfer can no longer be cancelled at Plaid... but this one needs attention.
  await handleOf(t.client, returned).executeUpdate(cancelTransferUpdate, { args: [{ staffId: 'test:support', note: 'workflow test' }] });
  expect(await handleOf(t.client, returned).result()).toMatchObject({ status: 'cancelled', returnCode: 'R03' });
  // The money came back: the advance ended `returned` at the return, and cancelling the transfer keeps it so.
  expect(await advanceOf(returned.advanceId)).toBe('returned');
  expect(await outstanding(c2.accountId)).toBe(0);
  const actions = (await db.query('SELECT staff_id, action, outcome FROM transfers.staff_actions WHERE transfer_id = $1', [returned.id])).rows;
  expect(actions).toEqual([{ staff_id: 'test:support', action: 'cancel', outcome: 'accepted' }]);
});

it('refuses to cancel a transfer that is already posted', async () => {
  const c = await linkedCustomer(api);
  const d = await startDisbursement(t.client, c.accountId, 1100);
  const pid = await plaidTransferIdOf(d.id);
  await simulate(sandbox, pid, 'posted', hook);
  await stateWhere(t.client, d, 'posted', (s) => s.status === 'posted');
  const err = await handleOf(t.client, d).executeUpdate(cancelTransferUpdate, { args: [{ staffId: 'test:support', note: 'workflow test' }] }).catch((e) => e);
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  expect(err.cause.message).toMatch(/Only a pending transfer or one that needs attention can be cancelled; this one is posted/);
  await simulate(sandbox, pid, 'settled', hook);
  expect(await handleOf(t.client, d).result()).toMatchObject({ status: 'completed' });
});

it('escalates a transfer left in needs_attention after the configured time, visibly', async () => {
  process.env.TRANSFER_ESCALATE_AFTER_SECONDS = '1';
  resetConfigForTests();
  const c = await linkedCustomer(api);
  let r: TransferRow;
  try {
    r = await startRepayment(t.client, await startDisbursementRow(c.accountId), 900);
  } finally {
    process.env.TRANSFER_ESCALATE_AFTER_SECONDS = '3600';
    resetConfigForTests();
  }
  await endedBadly(r, [['failed']]);
  const s = await stateWhere(t.client, r, 'escalated', (x) => x.escalated);
  expect(s.history.map((x) => x.event)).toContain('escalated');
  await eventually('escalated_at to be recorded', async () => ((await row(r.id)).escalated_at ? true : undefined));
  const found = await eventually('the run to be visible as escalated', async () => {
    for await (const wf of t.client.workflow.list({ query: `AccountId = "${c.accountId}" AND TimelyStatus = "escalated"` })) return wf.workflowId;
    return undefined;
  });
  expect(found).toBe(r.workflowId);
  // Escalated transfers can still be acted on.
  await handleOf(t.client, r).executeUpdate(cancelTransferUpdate, { args: [{ staffId: 'test:support', note: 'workflow test' }] });
  expect(await handleOf(t.client, r).result()).toMatchObject({ status: 'cancelled', escalated: true });
});

it('catches events whose webhook was lost with the periodic sync, and records each event once', async () => {
  const c = await linkedCustomer(api);
  const d = await startDisbursement(t.client, c.accountId, 1400);
  const pid = await plaidTransferIdOf(d.id);
  await stateWhere(t.client, d, 'pending', (s) => s.status === 'pending');
  // The webhook goes nowhere (a closed port): nothing tells Timely.
  await simulate(sandbox, pid, 'posted', 'http://127.0.0.1:9/lost');
  await simulate(sandbox, pid, 'settled', 'http://127.0.0.1:9/lost');
  await new Promise((res) => setTimeout(res, 2500));
  // The workflow moves only on stored events. (Test files share the database and Plaid's event
  // stream: another file's sync may have stored these meanwhile, and then it may have moved.)
  const seen = (await handleOf(t.client, d).query('transferState')) as TransferState;
  const storedBySomeone = Number((await db.query(`SELECT count(*) FROM transfers.plaid_events WHERE plaid_transfer_id = $1 AND event_type <> 'pending'`, [pid])).rows[0].count);
  if (storedBySomeone === 0) expect(seen.status).toBe('pending');

  // What the schedule starts (worker/schedules.ts), run twice: each event is stored once.
  const first = await t.client.workflow.execute(transferEventSyncWorkflow, { taskQueue: t.taskQueue, workflowId: `sync-test-${d.id}-1`, args: [] });
  expect(first.lastEventId).toBeGreaterThan(0);
  expect(await handleOf(t.client, d).result()).toMatchObject({ status: 'completed' });
  const second = await t.client.workflow.execute(transferEventSyncWorkflow, { taskQueue: t.taskQueue, workflowId: `sync-test-${d.id}-2`, args: [] });
  expect(second.lastEventId).toBeGreaterThanOrEqual(first.lastEventId);
  const events = (await db.query('SELECT event_type, count(*)::int AS n FROM transfers.plaid_events WHERE plaid_transfer_id = $1 GROUP BY event_type ORDER BY min(event_id)', [pid])).rows;
  expect(events).toEqual([
    { event_type: 'pending', n: 1 },
    { event_type: 'posted', n: 1 },
    { event_type: 'settled', n: 1 },
  ]);
});
