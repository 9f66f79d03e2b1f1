/**
 * What the support console reads and does, through the API: the needs-attention queue (escalated
 * first, then oldest, with the rule in words for an R01 and an R02 return), a transfer's page
 * (ledger sum, actions with the note), a retry without a note (400, nothing done), and the
 * operator dashboard whose figures match the seeded returns exactly. Its own database (counts are
 * exact), real worker, local Plaid sandbox, signed webhooks.
 */
import type { Pool } from 'pg';
import { call, TestApi } from '../test/support/api';
import { expectDocumented } from '../test/support/contract';
import { useIsolatedDatabase } from '../test/support/isolated-db';
import { signedInStaff } from '../test/support/staff';
import { startSystem, TestSystem } from '../test/support/system';
import { TestTemporal } from '../test/support/temporal';
import { customerWithReturnedRepayment, handleOf, ledgerChecks, stateWhere } from '../test/support/transfers';
import { eventually } from '../test/support/wait';
import type { TransferRow } from '../activities/transfers/transfers-store';

let isolated: Awaited<ReturnType<typeof useIsolatedDatabase>>;
let sys: TestSystem;
let api: TestApi;
let t: TestTemporal;
let db: Pool;

beforeAll(async () => {
  isolated = await useIsolatedDatabase('console');
  sys = await startSystem({ env: { TRANSFER_POLL_INTERVAL_SECONDS: '2', TRANSFER_ESCALATE_AFTER_SECONDS: '3600' } });
  ({ api, temporal: t, db } = sys);
});
afterAll(async () => {
  expect(await ledgerChecks(db)).toEqual({ total: 0, unbalanced: 0 });
  await sys.close();
  await isolated.drop();
});

/** A customer whose advance settled and whose repayment came back with `code`. */
async function returnedRepayment(cents: number, code: string, escalateAfterSeconds?: number): Promise<TransferRow> {
  return (await customerWithReturnedRepayment(sys, code, cents, escalateAfterSeconds ? { escalateAfterSeconds } : {})).repayment;
}

it('queues escalated first, then oldest; says the rule; shows the transfer; refuses a retry without a note; the dashboard matches the returns', async () => {
  const a = await returnedRepayment(3000, 'R01');
  const b = await returnedRepayment(2500, 'R02');
  const c = await returnedRepayment(2000, 'R01', 1);
  await stateWhere(t.client, c, 'escalated', (s) => s.escalated);
  const support = await signedInStaff(api, 'support');

  // The queue, one item a page, so the cursor is walked too.
  const items = await eventually('the escalation to be stored', async () => {
    const seen: any[] = [];
    let cursor: string | null = null;
    do {
      const r: { status: number; body: any; contentType: string; headers: Headers } = await call(api, 'GET', `/v1/admin/transfers/queue?limit=1${cursor ? `&cursor=${cursor}` : ''}`, { token: support.token });
      expect(r.status).toBe(200);
      expectDocumented('GET', '/v1/admin/transfers/queue', r);
      seen.push(...r.body.items);
      cursor = r.body.nextCursor;
    } while (cursor);
    return seen[0]?.escalated ? seen : undefined;
  });
  expect(items.map((x) => x.id)).toEqual([c.id, a.id, b.id]);
  expect(items.map((x) => x.escalated)).toEqual([true, false, false]);
  expect(Date.parse(items[1].waitingSince)).toBeLessThan(Date.parse(items[2].waitingSince));
  expect(items[1]).toMatchObject({
    accountId: a.accountId,
    customerName: expect.stringMatching(/^Ada Tester/),
    purpose: 'repayment',
    direction: 'debit',
    amountCents: 3000,
    returnCode: 'R01',
    returnMeaning: 'Insufficient funds',
    rule: { canRetry: true, canCancel: true, sentence: expect.stringMatching(/^May be presented twice more until \d{1,2} [A-Z][a-z]{2}( \d{4})?\.$/) },
    temporalUrl: expect.stringContaining(a.workflowId),
  });
  expect(items[2]).toMatchObject({
    returnCode: 'R02',
    returnMeaning: 'Account closed',
    rule: { canRetry: false, canCancel: true, sentence: 'Never presented again: ask the customer to link another account.' },
  });
  expect((await call(api, 'GET', '/v1/admin/transfers/queue?cursor=nonsense', { token: support.token })).status).toBe(400);

  // The dashboard (before any retry): 3 debit entries, returned R01, R02, R01.
  const operator = await signedInStaff(api, 'operator');
  expect((await call(api, 'GET', '/v1/admin/dashboard', { token: support.token })).status).toBe(403);
  const dash = await call(api, 'GET', '/v1/admin/dashboard', { token: operator.token });
  expect(dash.status).toBe(200);
  expectDocumented('GET', '/v1/admin/dashboard', dash);
  expect(dash.body.transfersByStatus).toEqual([
    { status: 'completed', count: 3 },
    { status: 'needs_attention', count: 3 },
  ]);
  expect(dash.body.outstandingCents).toBe(7500);
  expect(dash.body.returnRates).toEqual({
    windowDays: 60,
    debitEntries: 3,
    classes: [
      { name: 'unauthorized', returns: 0, rate: 0, threshold: 0.005 },
      { name: 'administrative', returns: 1, rate: 1 / 3, threshold: 0.03 },
      { name: 'overall', returns: 3, rate: 1, threshold: 0.15 },
    ],
  });
  expect(dash.body.temporalLinks).toEqual(
    expect.arrayContaining([{ label: 'Transfers that need attention', url: expect.stringContaining(`/workflows?query=${encodeURIComponent('TimelyStatus = "needs_attention"')}`) }]),
  );

  // A retry without a note (or a blank one) does nothing.
  for (const body of [{}, { note: '   ' }, { note: 'x'.repeat(501) }]) {
    const r = await call(api, 'POST', `/v1/admin/transfers/${a.id}/retry`, { token: support.token, body });
    expect(r.status).toBe(400);
    expect(r.contentType).toContain('application/problem+json');
    expect(r.body.errors).toEqual([expect.objectContaining({ field: 'note' })]);
  }
  expect((await db.query('SELECT count(*)::int AS n FROM transfers.attempts WHERE transfer_id = $1', [a.id])).rows[0].n).toBe(1);
  expect((await db.query('SELECT count(*)::int AS n FROM transfers.staff_actions WHERE transfer_id = $1', [a.id])).rows[0].n).toBe(0);
  expect((await call(api, 'GET', `/v1/admin/transfers/${a.id}`, { token: support.token })).body.workflow.status).toBe('needs_attention');

  // With a note: one new attempt; the note is on the transfer's page with who and when.
  const ok = await call(api, 'POST', `/v1/admin/transfers/${a.id}/retry`, { token: support.token, body: { note: '  Payday arrived, customer confirmed by phone  ' } });
  expect(ok.status).toBe(200);
  const detail = await call(api, 'GET', `/v1/admin/transfers/${a.id}`, { token: support.token });
  expectDocumented('GET', `/v1/admin/transfers/${a.id}`, detail);
  expect(detail.body.ledger).toEqual({ lines: [], sumCents: 0 });
  expect(detail.body.actions).toEqual([
    { action: 'retry', actor: `staff:${support.id}`, actorEmail: support.email, note: 'Payday arrived, customer confirmed by phone', at: expect.any(String), outcome: 'accepted', detail: expect.stringMatching(/^R01/) },
  ]);
  expect(detail.body.attempts[0]).toMatchObject({ attempt: 1, status: 'returned', returnCode: 'R01', returnMeaning: 'Insufficient funds', updatedAt: expect.any(String) });
  expect(detail.body.temporalUrl).toContain(a.workflowId);

  // The settled disbursement's page: its ledger lines sum to zero.
  const { rows } = await db.query(`SELECT id FROM transfers.transfers WHERE advance_id = $1 AND purpose = 'disbursement'`, [a.advanceId]);
  const disb = await call(api, 'GET', `/v1/admin/transfers/${rows[0].id}`, { token: support.token });
  expect(disb.body.ledger.lines.length).toBeGreaterThan(0);
  expect(disb.body.ledger.sumCents).toBe(0);
  expect(disb.body.rule).toEqual({ canRetry: false, canCancel: false, sentence: 'Nothing to do: the transfer is completed.' });

  // The account's page shows the bank, the advance, its transfers.
  const acct = await call(api, 'GET', `/v1/admin/accounts/${a.accountId}`, { token: support.token });
  expect(acct.status).toBe(200);
  expectDocumented('GET', `/v1/admin/accounts/${a.accountId}`, acct);
  expect(acct.body).toMatchObject({
    account: { id: a.accountId },
    bank: { status: 'active', linkedAt: expect.any(String) },
    advances: [{ id: a.advanceId, principalCents: 3000, outstandingCents: 3000, status: 'outstanding' }],
  });
  expect(acct.body.transfers.map((x: { purpose: string }) => x.purpose).sort()).toEqual(['disbursement', 'repayment']);
  expect(Date.parse(acct.body.events[0].at)).toBeGreaterThanOrEqual(Date.parse(acct.body.events[acct.body.events.length - 1].at));

  // Leave nothing running: cancel what waits.
  for (const x of [b, c]) expect((await call(api, 'POST', `/v1/admin/transfers/${x.id}/cancel`, { token: support.token, body: { note: 'test over' } })).status).toBe(200);
  await handleOf(t.client, a).terminate('test over').catch(() => undefined);
});
