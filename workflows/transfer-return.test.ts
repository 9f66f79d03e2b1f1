/**
 * Returns at any time, end to end: a real worker, the local Plaid sandbox returning transfers as
 * the customer's bank would (POST /__sandbox/transfers/return, after the transfer's workflow has
 * ended), signed webhooks, the event sync starting one return workflow per `returned` event, the
 * ledger in PostgreSQL, and the customer and support views through the API. Every test ends with a
 * ledger that sums to zero.
 */
import { advanceState, startRepayment as startRepaymentFromEvaluation } from '../activities/transfers/advance-state';
import { transferReturnWorkflowId } from '../activities/transfers/returns';
import { transferEventSyncWorkflow } from './transfer-event-sync';
import { transferReturnWorkflow } from './transfer-return';
import { getPool } from '../db/pool';
import { call, type Reply } from '../test/support/api';
import { expectDocumented } from '../test/support/contract';
import { signedInStaff } from '../test/support/staff';
import { startSystem, TestSystem } from '../test/support/system';
import {
  customerWithSettledAdvance,
  handleOf,
  ledgerChecks,
  ledgerLinesOf,
  linkedCustomer,
  plaidTransferIdOf,
  simulate,
  startDisbursement,
  startRepayment,
  stateWhere,
  webhookUrlOf,
} from '../test/support/transfers';
import { eventually } from '../test/support/wait';

let sys: TestSystem;
let hook: string;

beforeAll(async () => {
  sys = await startSystem({ env: { TRANSFER_POLL_INTERVAL_SECONDS: '2', TRANSFER_ESCALATE_AFTER_SECONDS: '3600' } });
  hook = webhookUrlOf(sys.api);
});
afterEach(async () => {
  expect(await ledgerChecks(sys.db)).toEqual({ total: 0, unbalanced: 0 });
});
afterAll(() => sys.close());

/** The bank returns a transfer at Plaid (any time after it reached the network); resolves with the return's workflow result. */
async function bankReturns(plaidTransferId: string, code: string) {
  const r = await sys.sandbox.control<{ event_id: number; returned_from: string }>('/transfers/return', { transfer_id: plaidTransferId, code, webhook: hook });
  const handle = sys.temporal.client.workflow.getHandle(transferReturnWorkflowId({ plaidTransferId, eventId: r.event_id }));
  const result = await eventually(`return workflow of event ${r.event_id}`, async () => handle.result().catch(() => undefined), 30_000, 200);
  return { ...r, result: result as { outcome: string; transferId: string | null } };
}

const advanceRow = async (id: string) => (await sys.db.query('SELECT status, closed_at FROM transfers.advances WHERE id = $1', [id])).rows[0];
const owed = async (accountId: string) =>
  Number((await sys.db.query(`SELECT coalesce(sum(amount_cents), 0) AS s FROM transfers.ledger_lines WHERE ledger_account = $1`, [`customer_receivable:${accountId}`])).rows[0].s);

/** Support's queue, every page, until the transfer shows up. */
async function inSupportQueue(token: string, transferId: string) {
  return eventually(`${transferId} in support's queue`, async () => {
    let cursor: string | null = null;
    do {
      const page: Reply<{ items: { id: string }[]; nextCursor: string | null }> = await call(sys.api, 'GET', `/v1/admin/transfers/queue?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token });
      expect(page.status).toBe(200);
      const hit = page.body.items.find((x: { id: string }) => x.id === transferId);
      if (hit) return { page, hit };
      cursor = page.body.nextCursor;
    } while (cursor);
    return undefined;
  });
}

it('a late R10 on a completed repayment: ledger reversed, advance outstanding again, debits stop, support sees it, the customer is told', async () => {
  const c = await customerWithSettledAdvance(sys, 3000);
  const repayment = await startRepayment(sys.temporal.client, c.disbursement, 3000);
  const pid = await plaidTransferIdOf(repayment.id);
  for (const e of ['posted', 'settled', 'funds_available'] as const) await simulate(sys.sandbox, pid, e, hook);
  expect(await handleOf(sys.temporal.client, repayment).result()).toMatchObject({ status: 'completed' });
  expect(await advanceRow(c.disbursement.advanceId)).toMatchObject({ status: 'repaid' });
  expect(await owed(c.accountId)).toBe(0);

  // Weeks later the customer tells their bank they never authorized it.
  const late = await bankReturns(pid, 'R10');
  expect(late.returned_from).toBe('funds_available');
  expect(late.result).toEqual({ outcome: 'booked', transferId: repayment.id });

  // The ledger reverses exactly what funds_available booked: the customer owes the $30 again.
  expect(await ledgerLinesOf(sys.db, repayment.id)).toEqual([
    '1:funds_available operating_cash 3000',
    '1:funds_available customer_receivable -3000',
    '1:returned customer_receivable 3000',
    '1:returned operating_cash -3000',
  ]);
  expect(await owed(c.accountId)).toBe(3000);
  expect(await advanceRow(c.disbursement.advanceId)).toMatchObject({ status: 'outstanding', closed_at: null });

  // Every debit on the account stops (Nacha), whoever asks: the evaluation's repayment is refused.
  const refused = await startRepaymentFromEvaluation(getPool(), { accountId: c.accountId, advanceId: c.disbursement.advanceId, amountCents: 3000, evaluationKey: `test-${repayment.id}` });
  expect(refused).toEqual({ refused: expect.stringMatching(/stopped after an unauthorized return \(R10\)/) });

  // Support sees it in the queue, with the code and the rule.
  const support = await signedInStaff(sys.api, 'support');
  const { page, hit } = await inSupportQueue(support.token, repayment.id);
  expectDocumented('GET', '/v1/admin/transfers/queue', page);
  expect(hit).toMatchObject({ purpose: 'repayment', returnCode: 'R10', returnMeaning: expect.stringMatching(/not authorized/), rule: { canRetry: false } });

  // The customer is told, in words, on /v1/me and /v1/advances.
  const me = await call(sys.api, 'GET', '/v1/me', { token: c.token });
  expectDocumented('GET', '/v1/me', me);
  expect(me.body.advance.state).toMatchObject({ advanceId: c.disbursement.advanceId, state: 'repayment_returned', what: expect.stringMatching(/owed again/) });
  expect(me.body.advance.debits).toMatchObject({ stopped: true, returnCode: 'R10', what: expect.stringMatching(/stopped taking any payment/), next: expect.stringMatching(/authorize Timely/) });
  const advances = await call(sys.api, 'GET', '/v1/advances', { token: c.token });
  expectDocumented('GET', '/v1/advances', advances);
  expect(advances.body.items[0]).toMatchObject({ id: c.disbursement.advanceId, status: 'outstanding', outstandingCents: 3000, state: { state: 'repayment_returned' } });

  // Another sync pass (the periodic sync, a replayed webhook) and the same return workflow run again book nothing twice.
  // (Not the sandbox's /transfers/webhook control: that setting is global and would take other files' webhooks.)
  await sys.temporal.client.workflow.execute(transferEventSyncWorkflow, { taskQueue: sys.temporal.taskQueue, workflowId: `sync-again-${pid}`, args: [] });
  await sys.temporal.client.workflow.execute(transferReturnWorkflow, { taskQueue: sys.temporal.taskQueue, workflowId: `${transferReturnWorkflowId({ plaidTransferId: pid, eventId: late.event_id })}-again`, args: [{ eventId: late.event_id, pollIntervalSeconds: 1 }] });
  expect((await sys.db.query('SELECT count(*)::int AS n FROM transfers.returns WHERE plaid_transfer_id = $1', [pid])).rows[0].n).toBe(1);

  // The customer authorizes again (explicit consent); debits may be taken again.
  expect((await call(sys.api, 'POST', '/v1/me/debit-authorization', { token: c.token, body: {} })).status).toBe(400);
  const again = await call(sys.api, 'POST', '/v1/me/debit-authorization', { token: c.token, body: { authorize: true } });
  expect(again.status).toBe(200);
  expectDocumented('POST', '/v1/me/debit-authorization', again);
  expect(again.body).toMatchObject({ authorized: true, liftedStops: 1 });
  expect((await call(sys.api, 'POST', '/v1/me/debit-authorization', { token: c.token, body: { authorize: true } })).status).toBe(409);
  expect((await call(sys.api, 'GET', '/v1/me', { token: c.token })).body.advance.debits).toMatchObject({ stopped: false });
}, 120_000);

it('R03 on an advance while its workflow runs: the advance ends returned, nothing is owed, the customer is told', async () => {
  const c = await linkedCustomer(sys.api);
  const d = await startDisbursement(sys.temporal.client, c.accountId, 2500);
  const pid = await plaidTransferIdOf(d.id);
  await simulate(sys.sandbox, pid, 'posted', hook);
  await simulate(sys.sandbox, pid, 'returned', hook, 'R03');
  await stateWhere(sys.temporal.client, d, 'needs attention', (s) => s.status === 'needs_attention');

  expect(await advanceRow(d.advanceId)).toMatchObject({ status: 'returned', closed_at: expect.any(Date) });
  expect(await owed(c.accountId)).toBe(0);
  // The transfer's workflow recorded it; the return's workflow sees that and books nothing more.
  const ret = (await sys.db.query('SELECT event_id FROM transfers.returns WHERE plaid_transfer_id = $1', [pid])).rows[0];
  const result = await sys.temporal.client.workflow.getHandle(transferReturnWorkflowId({ plaidTransferId: pid, eventId: Number(ret.event_id) })).result();
  expect(result).toEqual({ outcome: 'handled', transferId: d.id });
  expect(await ledgerLinesOf(sys.db, d.id)).toEqual(['1:pending customer_receivable 2500', '1:pending ach_suspense -2500', '1:returned ach_suspense 2500', '1:returned customer_receivable -2500']);

  const me = await call(sys.api, 'GET', '/v1/me', { token: c.token });
  expect(me.body.advance.current).toBeNull();
  expect(me.body.advance.state).toMatchObject({ advanceId: d.advanceId, state: 'returned', what: expect.stringMatching(/couldn’t find the account.*never reached you.*owe nothing/), next: expect.stringMatching(/Link another/) });
  const advances = await call(sys.api, 'GET', '/v1/advances', { token: c.token });
  expect(advances.body).toMatchObject({ outstandingCents: 0, items: [{ id: d.advanceId, status: 'returned', outstandingCents: 0, state: { state: 'returned' } }] });

  // No new advance to the same account until it is checked: the evaluation sees the return.
  expect((await advanceState(getPool(), c.accountId)).lastAdvanceReturn).toMatchObject({ returnCode: 'R03' });
}, 120_000);

it('a late return of a settled advance (R02): the advance ends returned, its receivable reversed', async () => {
  const c = await customerWithSettledAdvance(sys, 4000);
  expect(await owed(c.accountId)).toBe(4000);
  const pid = await plaidTransferIdOf(c.disbursement.id);
  const late = await bankReturns(pid, 'R02');
  expect(late).toMatchObject({ returned_from: 'settled', result: { outcome: 'booked', transferId: c.disbursement.id } });
  expect(await owed(c.accountId)).toBe(0);
  expect(await advanceRow(c.disbursement.advanceId)).toMatchObject({ status: 'returned' });
  // A credit return stops no debits.
  expect((await call(sys.api, 'GET', '/v1/me', { token: c.token })).body.advance).toMatchObject({ state: { state: 'returned' }, debits: { stopped: false } });
}, 120_000);
