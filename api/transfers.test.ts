/**
 * Support staff and customers through the API: a support user finds a returned repayment, sees
 * why it failed, retries it once the rules allow it, sees it settle, and is refused with the rule
 * when Nacha forbids it. Real worker, real dev server, local Plaid sandbox, signed webhooks.
 */
import { startSystem, TestSystem } from '../test/support/system';
import { Pool } from 'pg';
import type { TestSandbox } from '../plaid-sandbox/test/harness';
import { call, TestApi } from '../test/support/api';
import { TestTemporal } from '../test/support/temporal';
import { customerWithSettledAdvance, handleOf, ledgerChecks, linkedCustomer, plaidSideOf, plaidTransferIdOf, simulate, startRepayment, stateWhere, webhookUrlOf } from '../test/support/transfers';
import { eventually } from '../test/support/wait';
import { signedInStaff } from '../test/support/staff';
import { expectDocumented } from '../test/support/contract';

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

const staff = (role: 'support' | 'operator' = 'support') => signedInStaff(api, role);

/** A customer whose $30 advance went out and settled. */
const customerWithAdvance = (cents = 3000) => customerWithSettledAdvance(sys, cents);

it('lets support find a returned repayment, see why, retry it once (two clicks, one attempt), and see it settle', async () => {
  const c = await customerWithAdvance(3000);
  const repayment = await startRepayment(t.client, c.disbursement, 3000);
  const pid1 = await plaidTransferIdOf(repayment.id);
  await simulate(sandbox, pid1, 'posted', hook);
  await simulate(sandbox, pid1, 'returned', hook, 'R01');
  await stateWhere(t.client, repayment, 'needs attention', (s) => s.status === 'needs_attention');

  const s = await staff('support');
  // Find it.
  const list = await call(api, 'GET', '/v1/admin/transfers?status=needs_attention&limit=200', { token: s.token });
  expect(list.status).toBe(200);
  expectDocumented('GET', '/v1/admin/transfers', list);
  const listed = list.body.items.find((x: { id: string }) => x.id === repayment.id);
  expect(listed).toMatchObject({ status: 'needs_attention', purpose: 'repayment', returnCode: 'R01', temporalUrl: expect.stringContaining(`/workflows/${repayment.workflowId}`) });

  // See why.
  const detail = await call(api, 'GET', `/v1/admin/transfers/${repayment.id}`, { token: s.token });
  expect(detail.status).toBe(200);
  expectDocumented('GET', `/v1/admin/transfers/${repayment.id}`, detail);
  expect(detail.body).toMatchObject({
    id: repayment.id,
    status: 'needs_attention',
    returnCode: 'R01',
    failureReason: expect.stringMatching(/insufficient funds/i),
    returnCodes: [{ attempt: 1, code: 'R01', reason: expect.any(String) }],
    attempts: [expect.objectContaining({ attempt: 1, plaidTransferId: pid1, status: 'returned', returnCode: 'R01' })],
    ledger: { lines: [], sumCents: 0 },
    ledgerSumCents: 0,
    rule: { canRetry: true, canCancel: true, sentence: expect.stringMatching(/^May be presented twice more until /) },
    workflow: expect.objectContaining({ status: 'needs_attention', attempt: 1 }),
    temporalUrl: expect.stringContaining(repayment.workflowId),
  });
  expect(detail.body.events.map((e: { eventType: string }) => e.eventType)).toEqual(['pending', 'posted', 'returned']);

  // Retry: two clicks at once make one new attempt; the other is refused with the reason.
  const [a, b] = await Promise.all([
    call(api, 'POST', `/v1/admin/transfers/${repayment.id}/retry`, { token: s.token, body: { note: 'Customer says payday came in' } }),
    call(api, 'POST', `/v1/admin/transfers/${repayment.id}/retry`, { token: s.token, body: { note: 'Customer says payday came in' } }),
  ]);
  expect([a.status, b.status].sort()).toEqual([200, 409]);
  const [ok, refused] = a.status === 200 ? [a, b] : [b, a];
  expectDocumented('POST', `/v1/admin/transfers/${repayment.id}/retry`, ok);
  expect(ok.body.workflow).toMatchObject({ attempt: 2 });
  expect(['retrying', 'authorizing', 'pending']).toContain(ok.body.workflow.status);
  expect(refused.contentType).toContain('application/problem+json');
  expect(refused.body).toMatchObject({ status: 409, detail: expect.stringMatching(/Only a transfer that needs attention can be retried; this one is (retrying|authorizing|pending)/) });

  const pid2 = await plaidTransferIdOf(repayment.id, 2);
  expect((await plaidSideOf(db, c.accountId)).transfers.map((x) => [x.amount, x.description])).toEqual([
    ['30.00', 'Timely advance'],
    ['30.00', 'Timely repay'],
    ['30.00', 'RETRY PYMT'],
  ]);
  await simulate(sandbox, pid2, 'posted', hook);
  await simulate(sandbox, pid2, 'settled', hook);
  await simulate(sandbox, pid2, 'funds_available', hook);

  // See it settle.
  const settled = await eventually('the retried repayment to complete', async () => {
    const r = await call(api, 'GET', `/v1/admin/transfers/${repayment.id}`, { token: s.token });
    return r.body.status === 'completed' ? r.body : undefined;
  });
  expect(settled.attempts.map((x: { status: string }) => x.status)).toEqual(['returned', 'funds_available']);
  expect(settled.returnCode).toBeNull();
  expect(settled.ledger.sumCents).toBe(0);
  expect(settled.ledger.lines.map((l: { account: string; amountCents: number; attempt: number }) => [l.attempt, l.account.replace(/:.*/, ''), l.amountCents])).toEqual([
    [2, 'operating_cash', 3000],
    [2, 'customer_receivable', -3000],
  ]);
  expect(settled.workflow).toMatchObject({ status: 'completed', attempt: 2 });
  expectDocumented('GET', `/v1/admin/transfers/${repayment.id}`, { status: 200, contentType: 'application/json', body: settled, headers: new Headers() });
  expect(settled.staffActions).toEqual([
    expect.objectContaining({ staffId: s.id, action: 'retry', outcome: expect.any(String) }),
    expect.objectContaining({ staffId: s.id, action: 'retry', outcome: expect.any(String) }),
  ]);
  expect(settled.staffActions.map((x: { outcome: string }) => x.outcome).sort()).toEqual(['accepted', 'refused']);
  expect(settled.staffActions.every((x: { at: string }) => !Number.isNaN(Date.parse(x.at)))).toBe(true);
  // Who, when, the note: both clicks' notes are kept, the refused one too.
  expect(settled.actions).toEqual([
    expect.objectContaining({ action: 'retry', actor: `staff:${s.id}`, actorEmail: s.email, note: 'Customer says payday came in' }),
    expect.objectContaining({ action: 'retry', actor: `staff:${s.id}`, actorEmail: s.email, note: 'Customer says payday came in' }),
  ]);
  expect((await db.query('SELECT count(*)::int AS n FROM transfers.attempts WHERE transfer_id = $1', [repayment.id])).rows[0].n).toBe(2);

  // The customer sees the advance repaid, nothing outstanding (from the ledger).
  const mine = await call(api, 'GET', '/v1/advances', { token: c.token });
  expect(mine.status).toBe(200);
  expectDocumented('GET', '/v1/advances', mine);
  expect(mine.body.outstandingCents).toBe(0);
  expect(mine.body.items).toEqual([
    expect.objectContaining({
      id: c.disbursement.advanceId,
      principalCents: 3000,
      outstandingCents: 0,
      status: 'repaid',
      transfers: expect.arrayContaining([
        expect.objectContaining({ purpose: 'disbursement', status: 'completed' }),
        expect.objectContaining({ purpose: 'repayment', status: 'completed' }),
      ]),
    }),
  ]);
  // A finished transfer cannot be changed.
  const late = await call(api, 'POST', `/v1/admin/transfers/${repayment.id}/cancel`, { token: s.token, body: { note: 'Too late' } });
  expect(late.status).toBe(409);
  expect(late.body.detail).toMatch(/no longer running \(the transfer is completed\); nothing can be changed/);
});

it('refuses a retry the rules forbid, with the rule, records who asked, and lets support cancel', async () => {
  const c = await customerWithAdvance(2500);
  const repayment = await startRepayment(t.client, c.disbursement, 2500);
  const pid = await plaidTransferIdOf(repayment.id);
  await simulate(sandbox, pid, 'posted', hook);
  await simulate(sandbox, pid, 'returned', hook, 'R02');
  await stateWhere(t.client, repayment, 'needs attention', (s) => s.status === 'needs_attention');

  const op = await staff('operator');
  const retry = await call(api, 'POST', `/v1/admin/transfers/${repayment.id}/retry`, { token: op.token, body: { note: 'Trying anyway' } });
  expect(retry.status).toBe(409);
  expect(retry.contentType).toContain('application/problem+json');
  expect(retry.body).toMatchObject({ status: 409, type: expect.stringContaining('retry-refused'), detail: expect.stringMatching(/R02 \(Account closed\): never presented again/), rule: expect.any(String) });

  // The customer still owes the advance: the outstanding amount comes from the ledger.
  const before = await call(api, 'GET', '/v1/advances', { token: c.token });
  expect(before.body).toMatchObject({ outstandingCents: 2500, items: [expect.objectContaining({ status: 'outstanding', outstandingCents: 2500 })] });

  const cancel = await call(api, 'POST', `/v1/admin/transfers/${repayment.id}/cancel`, { token: op.token, body: { note: 'Account closed; asked the customer to link another' } });
  expect(cancel.status).toBe(200);
  expectDocumented('POST', `/v1/admin/transfers/${repayment.id}/cancel`, cancel);
  expect(['cancelling', 'cancelled']).toContain(cancel.body.workflow.status);
  expect(await handleOf(t.client, repayment).result()).toMatchObject({ status: 'cancelled', returnCode: 'R02' });
  const after = await call(api, 'GET', `/v1/admin/transfers/${repayment.id}`, { token: op.token });
  expect(after.body).toMatchObject({ status: 'cancelled', returnCodes: [{ attempt: 1, code: 'R02' }] });
  expectDocumented('GET', `/v1/admin/transfers/${repayment.id}`, after);
  expect(after.body.staffActions).toEqual([
    expect.objectContaining({ staffId: op.id, action: 'retry', outcome: 'refused', detail: expect.stringMatching(/R02/) }),
    expect.objectContaining({ staffId: op.id, action: 'cancel', outcome: 'accepted', note: 'Account closed; asked the customer to link another' }),
  ]);
  expect(after.body.rule).toEqual({ canRetry: false, canCancel: false, sentence: 'Nothing to do: the transfer is cancelled.' });
  const cancelled = await call(api, 'GET', '/v1/admin/transfers?status=cancelled&limit=200', { token: op.token });
  expect(cancelled.body.items.map((x: { id: string }) => x.id)).toContain(repayment.id);
});

it('keeps the staff views and actions to staff', async () => {
  const c = await linkedCustomer(api);
  const anyId = '00000000-0000-4000-8000-000000000000';
  expect((await call(api, 'GET', '/v1/admin/transfers', { token: c.token })).status).toBe(403);
  expect((await call(api, 'POST', `/v1/admin/transfers/${anyId}/retry`, { token: c.token, body: { note: 'x' } })).status).toBe(403);
  expect((await call(api, 'GET', '/v1/admin/transfers')).status).toBe(401);
  expect((await call(api, 'GET', '/v1/advances')).status).toBe(401);
  const s = await staff();
  expect((await call(api, 'GET', `/v1/admin/transfers/${anyId}`, { token: s.token })).status).toBe(404);
  expect((await call(api, 'POST', `/v1/admin/transfers/${anyId}/retry`, { token: s.token, body: { note: 'x' } })).status).toBe(404);
  expect((await call(api, 'GET', '/v1/admin/transfers/not-a-uuid', { token: s.token })).status).toBe(400);
  expect((await call(api, 'GET', '/v1/advances', { token: c.token })).body).toEqual({ outstandingCents: 0, items: [] });
});
