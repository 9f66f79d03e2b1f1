/**
 * Issue 14, "two clocks": the whole money loop with the Plaid sandbox's clock 30 days ahead of the
 * wall clock. Link, apply, advance, notice, payday, repayment, R01 return, wait for new income,
 * retry. Timely's business clock follows the sandbox (platform/business-clock.ts), Plaid's dates
 * stay Plaid's, so:
 * - the advance, the notice and the return are dated on the sandbox's calendar, not the wall's;
 * - the notice is two Federal Reserve banking days ahead of the pull;
 * - the paycheck that arrived before the return does not count as new income: no immediate
 *   re-presentment; the repayment is presented again only after the next paycheck.
 */
import { randomUUID } from 'node:crypto';
import { addBankingDays, isBankingDay, onOrAfterBankingDay } from '../domain/banking-days';
import { addDays, compareDates } from '../domain/dates';
import { getTemporalClient } from '../platform/temporal-client';
import { call } from '../test/support/api';
import { startSystem, TestSystem } from '../test/support/system';
import { ledgerChecks, linkedCustomer, plaidTransferIdOf, simulate, webhookUrlOf } from '../test/support/transfers';
import { eventually } from '../test/support/wait';
import { evaluateAccountWorkflow, EvaluateAccountResult } from './evaluate';

const AHEAD_DAYS = 30;
let sys: TestSystem;
beforeAll(async () => {
  sys = await startSystem({ env: { TRANSFER_POLL_INTERVAL_SECONDS: '2' } });
  await sys.sandbox.control('/clock/advance', { days: AHEAD_DAYS });
}, 60_000);
afterAll(() => sys.close());

const sandboxDay = () => sys.sandbox.clock.now().toISOString().slice(0, 10);
const wallDay = () => new Date().toISOString().slice(0, 10);

async function moveSandboxTo(day: string) {
  const days = Math.round((Date.parse(day) - Date.parse(sandboxDay())) / 86_400_000);
  if (days > 0) await sys.sandbox.control('/clock/advance', { days });
  expect(sandboxDay()).toBe(day);
}

async function evaluateNow(accountId: string): Promise<EvaluateAccountResult> {
  return sys.temporal.client.workflow.execute(evaluateAccountWorkflow, { taskQueue: sys.temporal.taskQueue, workflowId: `evaluate-test-${randomUUID()}`, args: [{ accountId, trigger: 'staff' }] });
}

/** An evaluation of the account that decided `action` after `since` (whichever trigger ran it). */
const recorded = (accountId: string, action: string, since: number) =>
  eventually(`an evaluation that decides ${action}`, async () => {
    const r = await sys.db.query(
      `SELECT action, reason_code, amount_cents, transfer_workflow_id, inputs->>'today' AS today FROM evaluate.evaluations
        WHERE account_id = $1 AND action = $2 AND evaluated_at > to_timestamp($3 / 1000.0) ORDER BY evaluated_at LIMIT 1`,
      [accountId, action, since],
    );
    return r.rows[0];
  }, 60_000);

/** Our transfer row's id for a transfer workflow. */
const transferOfWorkflow = (workflowId: string) =>
  eventually(`the transfer of ${workflowId}`, async () => (await sys.db.query('SELECT id FROM transfers.transfers WHERE workflow_id = $1', [workflowId])).rows[0]?.id as string | undefined);

async function payroll(itemId: string, date: string) {
  await sys.sandbox.control('/transactions/add', { item_id: itemId, adjust_balance: true, transactions: [{ kind: 'payroll', amount: 1200, date }] });
}

it('runs the money loop on the sandbox calendar 30 days ahead: notice two banking days ahead, no re-presentment before new income', async () => {
  const hook = webhookUrlOf(sys.api);
  const { api, db } = sys;
  expect(sandboxDay()).toBe(addDays(wallDay(), AHEAD_DAYS));

  // Link and apply: the decision is made on the sandbox's day (the history ends there).
  const c = await linkedCustomer(api, 'user_steady_biweekly');
  const app = await call(api, 'POST', '/v1/applications', { token: c.token });
  const decided = await eventually('the application decision', async () => {
    const r = await call(api, 'GET', `/v1/applications/${app.body.id}`, { token: c.token });
    return r.body.status !== 'running' ? r.body : undefined;
  });
  expect(decided.status).toBe('approved');
  const payday = decided.decision.nextPayday as string;
  expect(compareDates(payday, sandboxDay())).toBeGreaterThan(0);
  const item = (await db.query(`SELECT i.plaid_item_id, a.plaid_account_id FROM bank.items i JOIN bank.accounts a ON a.item_id = i.id AND a.subtype = 'checking' WHERE i.account_id = $1`, [c.accountId])).rows[0];

  // The balance drops: an advance, sent on the sandbox's day.
  await sys.sandbox.control('/accounts/balance', { account_id: item.plaid_account_id, available: 20, current: 20 });
  const advanced = await evaluateNow(c.accountId);
  expect(advanced).toMatchObject({ action: 'advance', amountCents: 3000 });
  const advancePid = await plaidTransferIdOf(await transferOfWorkflow(advanced.transferWorkflowId!));
  await simulate(sys.sandbox, advancePid, 'posted', hook);
  await simulate(sys.sandbox, advancePid, 'settled', hook);
  await getTemporalClient().workflow.getHandle(advanced.transferWorkflowId!).result();
  const sentOn = sandboxDay();
  const me = await call(api, 'GET', '/v1/me', { token: c.token });
  expect(me.body.advance.current).toMatchObject({ outstandingCents: 3000, since: sentOn });

  // The notice: on the first day whose two banking days reach the pull day (payday, or the next
  // banking day after it), told on the sandbox's day, for a pull two banking days ahead.
  const pullDay = onOrAfterBankingDay(payday);
  let noticeDay = sandboxDay();
  while (compareDates(addBankingDays(noticeDay, 2), pullDay) < 0) noticeDay = addDays(noticeDay, 1);
  await moveSandboxTo(noticeDay);
  const notified = await evaluateNow(c.accountId);
  expect(notified).toMatchObject({ action: 'notify', reason: 'REPAYMENT_NOTICE_REQUIRED' });
  const told = (await call(api, 'GET', '/v1/me', { token: c.token })).body.advance.nextRepayment;
  expect(told.noticeSentOn).toBe(noticeDay);
  expect(told.noticeSentOn).not.toBe(wallDay());
  expect(told.on).toBe(addBankingDays(told.noticeSentOn, 2));
  expect(isBankingDay(told.on)).toBe(true);
  // Told, but not yet: nothing moves before the pull day.
  expect(await evaluateNow(c.accountId)).toMatchObject({ action: 'none', reason: 'REPAYMENT_NOT_DUE' });

  // Pull day: the paycheck lands, the repayment is presented (the webhook's evaluation, or ours).
  await moveSandboxTo(told.on);
  let since = Date.now();
  await payroll(item.plaid_item_id, told.on);
  const repay = await recorded(c.accountId, 'repay', since);
  expect(repay).toMatchObject({ reason_code: 'REPAYMENT_DUE', amount_cents: '3000', today: told.on });
  const repayment = { id: await transferOfWorkflow(repay.transfer_workflow_id) };
  const firstPid = await plaidTransferIdOf(repayment.id, 1);
  await simulate(sys.sandbox, firstPid, 'posted', hook);
  await simulate(sys.sandbox, firstPid, 'returned', hook, 'R01');
  await eventually('the returned repayment to wait for support', async () => {
    const r = await db.query(`SELECT status FROM transfers.transfers WHERE id = $1`, [repayment.id]);
    return r.rows[0].status === 'needs_attention' || undefined;
  });

  // The paycheck came before the return, the same day: not new income. No re-presentment now.
  since = Date.now();
  const afterReturn = await evaluateNow(c.accountId);
  expect(afterReturn).toMatchObject({ action: 'none', reason: 'AWAITING_NEXT_INCOME' });
  const attempts = async () => Number((await db.query('SELECT count(*) AS n FROM transfers.attempts WHERE transfer_id = $1', [repayment.id])).rows[0].n);
  expect(await attempts()).toBe(1);
  const inputs = (await db.query(`SELECT inputs FROM evaluate.evaluations WHERE workflow_id LIKE 'evaluate-test-%' AND account_id = $1 AND reason_code = 'AWAITING_NEXT_INCOME'`, [c.accountId])).rows[0].inputs;
  // The return is dated by Plaid's event (the sandbox's day), not by when we stored it.
  expect(inputs.lastRepaymentAttempt).toMatchObject({ outcome: 'returned', on: told.on, returnCode: 'R01' });
  expect(inputs.today).toBe(told.on);

  // Next banking day the next paycheck arrives: now the repayment is presented again (Nacha R01,
  // RETRY PYMT), through the same transfer's workflow.
  const nextDay = addBankingDays(told.on, 1);
  await moveSandboxTo(nextDay);
  since = Date.now();
  await payroll(item.plaid_item_id, nextDay);
  const retried = await recorded(c.accountId, 'repay', since);
  expect(retried).toMatchObject({ transfer_workflow_id: repay.transfer_workflow_id, today: nextDay });
  const secondPid = await plaidTransferIdOf(repayment.id, 2);
  expect((await sys.sandbox.plaid.transferGet({ transfer_id: secondPid })).data.transfer.description).toBe('RETRY PYMT');
  for (const e of ['posted', 'settled', 'funds_available'] as const) await simulate(sys.sandbox, secondPid, e, hook);
  await getTemporalClient().workflow.getHandle(repay.transfer_workflow_id).result();
  expect(await attempts()).toBe(2);

  const advance = (await db.query('SELECT status FROM transfers.advances WHERE account_id = $1', [c.accountId])).rows[0];
  expect(advance.status).toBe('repaid');
  const receivable = await db.query(`SELECT coalesce(sum(amount_cents), 0) AS s FROM transfers.ledger_lines WHERE ledger_account = $1`, [`customer_receivable:${c.accountId}`]);
  expect(Number(receivable.rows[0].s)).toBe(0);
  expect(await ledgerChecks(db)).toEqual({ total: 0, unbalanced: 0 });
}, 180_000);
