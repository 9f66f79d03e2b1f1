/**
 * Support's actions on returned transfers, through the API, on a database of this file's own (the
 * repayment-debit pause is for every account): a retry is refused in words while the account's
 * debits are stopped or new repayment debits are paused; a case left by a late return (its
 * transfer workflow has ended) cannot be presented again from the console, but support closes it
 * with a cancel, which is recorded and takes it out of the queue while the return stays booked.
 */
import { changeRepaymentPause } from '../activities/transfers/debit-guard';
import { transferReturnWorkflowId } from '../activities/transfers/returns';
import { call, type Reply } from '../test/support/api';
import { expectDocumented } from '../test/support/contract';
import { useIsolatedSystem } from '../test/support/isolated-system';
import { signedInStaff } from '../test/support/staff';
import type { TestSystem } from '../test/support/system';
import {
  customerWithReturnedRepayment,
  customerWithSettledAdvance,
  handleOf,
  plaidTransferIdOf,
  simulate,
  startRepayment,
  webhookUrlOf,
} from '../test/support/transfers';
import { eventually } from '../test/support/wait';

let sys: TestSystem;

const system = useIsolatedSystem('support_returned', { TRANSFER_POLL_INTERVAL_SECONDS: '2', TRANSFER_ESCALATE_AFTER_SECONDS: '3600' });
beforeAll(() => {
  sys = system();
});

const staffActions = async (transferId: string) =>
  (await sys.db.query(`SELECT action, outcome, detail, note FROM transfers.staff_actions WHERE transfer_id = $1 ORDER BY id`, [transferId])).rows;

/** Every page of support's queue: the ids in it. */
async function queueIds(token: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Reply<{ items: { id: string }[]; nextCursor: string | null }> = await call(sys.api, 'GET', `/v1/admin/transfers/queue?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token });
    expect(page.status).toBe(200);
    ids.push(...page.body.items.map((x) => x.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  return ids;
}

it("a retry is refused in words while the account's debits are stopped, and while new repayment debits are paused", async () => {
  const support = await signedInStaff(sys.api, 'support');

  // R10 (unauthorized): every debit on the account stops until the customer authorizes again.
  const stopped = await customerWithReturnedRepayment(sys, 'R10', 2000);
  const r1 = await call(sys.api, 'POST', `/v1/admin/transfers/${stopped.repayment.id}/retry`, { token: support.token, body: { note: 'customer asked to pay now' } });
  expect(r1.status).toBe(409);
  expect(r1.contentType).toContain('application/problem+json');
  expect(r1.body).toMatchObject({
    status: 409,
    type: expect.stringContaining('retry-refused'),
    detail: expect.stringMatching(/^A retry would take a new debit, and debits on this account are stopped after an unauthorized return \(R10\) until the customer authorizes again\.$/),
  });
  expect(await staffActions(stopped.repayment.id)).toEqual([expect.objectContaining({ action: 'retry', outcome: 'refused', detail: expect.stringMatching(/stopped after an unauthorized return/), note: 'customer asked to pay now' })]);

  // R01 (insufficient funds) stops nothing, but the return-rate guard's pause holds every new repayment debit.
  const paused = await customerWithReturnedRepayment(sys, 'R01', 2100);
  await changeRepaymentPause(sys.db, { action: 'pause', actor: 'system:return-rate-guard', reason: 'the 60-day unauthorized return rate is 0.45% (test)', key: `test-pause-${process.pid}` });
  const r2 = await call(sys.api, 'POST', `/v1/admin/transfers/${paused.repayment.id}/retry`, { token: support.token, body: { note: 'payday came' } });
  expect(r2.status).toBe(409);
  expect(r2.contentType).toContain('application/problem+json');
  expect(r2.body).toMatchObject({
    type: expect.stringContaining('retry-refused'),
    detail: 'A retry would take a new debit, and new repayment debits are paused: the 60-day unauthorized return rate is 0.45% (test).',
  });
  // The workflow still waits for support: nothing was presented. The console offers no Retry and says why.
  expect((await call(sys.api, 'GET', `/v1/admin/transfers/${paused.repayment.id}`, { token: support.token })).body).toMatchObject({
    status: 'needs_attention',
    attempts: [expect.anything()],
    rule: { canRetry: false, canCancel: true, sentence: expect.stringMatching(/new repayment debits are paused/) },
  });

  // Lifted: the same retry is no longer refused for the pause (the workflow's own rules decide).
  await changeRepaymentPause(sys.db, { action: 'lift', actor: 'staff:test', reason: 'test over', key: `test-lift-${process.pid}` });
  const r3 = await call(sys.api, 'POST', `/v1/admin/transfers/${paused.repayment.id}/retry`, { token: support.token, body: { note: 'payday came' } });
  expect(r3.body.detail ?? '').not.toMatch(/paused/);
  // Both left waiting for support are cancelled so their workflows end.
  for (const t of [stopped.repayment, paused.repayment])
    if ((await call(sys.api, 'GET', `/v1/admin/transfers/${t.id}`, { token: support.token })).body.status === 'needs_attention')
      expect((await call(sys.api, 'POST', `/v1/admin/transfers/${t.id}/cancel`, { token: support.token, body: { note: 'test over' } })).status).toBe(200);
}, 180_000);

it('a late return whose transfer workflow has ended: retry refused with the next step in words; cancel closes the case, recorded, out of the queue, the return stays booked', async () => {
  const hook = webhookUrlOf(sys.api);
  const c = await customerWithSettledAdvance(sys, 3000);
  const repayment = await startRepayment(sys.temporal.client, c.disbursement, 3000);
  const pid = await plaidTransferIdOf(repayment.id);
  for (const e of ['posted', 'settled', 'funds_available'] as const) await simulate(sys.sandbox, pid, e, hook);
  expect(await handleOf(sys.temporal.client, repayment).result()).toMatchObject({ status: 'completed' });

  // The bank returns it later (R01: no debit stop, so only the ended workflow stands in the way).
  const r = await sys.sandbox.control<{ event_id: number }>('/transfers/return', { transfer_id: pid, code: 'R01', webhook: hook });
  const ret = sys.temporal.client.workflow.getHandle(transferReturnWorkflowId({ plaidTransferId: pid, eventId: r.event_id }));
  expect(await eventually('the return workflow', async () => ret.result().catch(() => undefined), 30_000, 200)).toEqual({ outcome: 'booked', transferId: repayment.id });

  const support = await signedInStaff(sys.api, 'support');
  expect(await queueIds(support.token)).toContain(repayment.id);

  // The console offers no Retry for it: the rule's sentence is the refusal the API would give.
  expect((await call(sys.api, 'GET', `/v1/admin/transfers/${repayment.id}`, { token: support.token })).body.rule).toMatchObject({
    canRetry: false,
    sentence: expect.stringMatching(/came back after its workflow had ended/),
  });
  const retry = await call(sys.api, 'POST', `/v1/admin/transfers/${repayment.id}/retry`, { token: support.token, body: { note: 'present again' } });
  expect(retry.status).toBe(409);
  expect(retry.contentType).toContain('application/problem+json');
  expect(retry.body).toMatchObject({
    type: expect.stringContaining('retry-refused'),
    detail: expect.stringMatching(/came back after its workflow had ended.*next evaluation presents a new repayment.*Cancel closes this case/),
  });

  const cancel = await call(sys.api, 'POST', `/v1/admin/transfers/${repayment.id}/cancel`, { token: support.token, body: { note: 'late R01; the next evaluation collects it' } });
  expect(cancel.status).toBe(200);
  expectDocumented('POST', `/v1/admin/transfers/${repayment.id}/cancel`, cancel);
  expect(cancel.body).toMatchObject({ status: 'cancelled', returnCodes: [{ attempt: 1, code: 'R01' }] });
  expect(cancel.body.actions).toEqual([
    expect.objectContaining({ action: 'retry', outcome: 'refused', actor: `staff:${support.id}` }),
    expect.objectContaining({ action: 'cancel', outcome: 'accepted', actor: `staff:${support.id}`, note: 'late R01; the next evaluation collects it', detail: expect.stringMatching(/Case closed/) }),
  ]);
  expect(await queueIds(support.token)).not.toContain(repayment.id);

  // The return stays booked: the customer owes the $30 again and the advance is outstanding.
  const owed = Number(
    (await sys.db.query(`SELECT coalesce(sum(amount_cents), 0) AS s FROM transfers.ledger_lines WHERE ledger_account = $1`, [`customer_receivable:${c.accountId}`])).rows[0].s,
  );
  expect(owed).toBe(3000);
  expect((await sys.db.query('SELECT status FROM transfers.advances WHERE id = $1', [c.disbursement.advanceId])).rows[0].status).toBe('outstanding');

  // A second cancel (a double click) changes and records nothing.
  const again = await call(sys.api, 'POST', `/v1/admin/transfers/${repayment.id}/cancel`, { token: support.token, body: { note: 'again' } });
  expect(again.status).toBe(409);
  expect(again.body).toMatchObject({ type: expect.stringContaining('cancel-refused'), detail: expect.stringMatching(/no longer running \(the transfer is cancelled\)/) });
  expect((await staffActions(repayment.id)).filter((a) => a.outcome === 'accepted')).toHaveLength(1);
}, 180_000);
