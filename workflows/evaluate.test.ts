/**
 * The money loop on the real dev server with the local Plaid sandbox: link, apply, the balance
 * drops, one advance goes out and settles, a repayment notice, payday income, the repayment is
 * collected and the advance closes in the ledger. Plus: two evaluations at once make one advance,
 * a bank needing login gets nothing and is marked, and the sweep pages through every account.
 * Runs in a database of its own, since the sweep evaluates every account it finds.
 */
import { startSystem, TestSystem } from '../test/support/system';
import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { bankDeps } from '../activities/bank/deps';
import { decryptToken } from '../activities/bank/token-crypto';
import { getTemporalClient } from '../platform/temporal-client';
import type { TestSandbox } from '../plaid-sandbox/test/harness';
import { call, signUpAndSignIn, TestApi } from '../test/support/api';
import { useIsolatedDatabase } from '../test/support/isolated-db';
import { TestTemporal } from '../test/support/temporal';
import { eventually } from '../test/support/wait';
import { evaluateAccountWorkflow, EvaluateAccountResult } from './evaluate';
import { evaluateSweepWorkflow } from './evaluate-sweep';
import { staffToken } from '../test/support/staff';
import { recordHistory } from '../test/support/record-history';

let isolated: Awaited<ReturnType<typeof useIsolatedDatabase>>;
let sandbox: TestSandbox;
let api: TestApi;
let t: TestTemporal;
let db: Pool;
let staff: string;

let sys: TestSystem;
beforeAll(async () => {
  isolated = await useIsolatedDatabase('evaluate');
  sys = await startSystem({ env: { TRANSFER_POLL_INTERVAL_SECONDS: '2' } });
  ({ sandbox, api, temporal: t, db } = sys);
  await sandbox.control('/transfers/webhook', { url: `${api.url}/v1/webhooks/plaid` });
  staff = await staffToken(api);
}, 60_000);
afterAll(async () => {
  await sys.close();
  await isolated.drop();
});

/** A customer linked to a sandbox user and approved by a real application. */
async function approvedCustomer(username = 'user_steady_biweekly') {
  const c = await signUpAndSignIn(api);
  const pub = await call(api, 'POST', '/v1/bank/sandbox/public-token', { token: c.token, body: { username } });
  expect((await call(api, 'POST', '/v1/bank/link', { token: c.token, body: { publicToken: pub.body.publicToken } })).status).toBe(201);
  const app = await call(api, 'POST', '/v1/applications', { token: c.token });
  const decided = await eventually('the application decision', async () => {
    const r = await call(api, 'GET', `/v1/applications/${app.body.id}`, { token: c.token });
    return r.body.status !== 'running' ? r.body : undefined;
  });
  expect(decided.status).toBe('approved');
  const item = (await db.query('SELECT i.plaid_item_id, i.access_token_enc, a.plaid_account_id FROM bank.items i JOIN bank.accounts a ON a.item_id = i.id AND a.subtype = $2 WHERE i.account_id = $1', [c.accountId, 'checking'])).rows[0];
  return { ...c, decision: decided.decision, plaidItemId: item.plaid_item_id as string, plaidAccountId: item.plaid_account_id as string, accessToken: decryptToken(bankDeps().key, item.access_token_enc) };
}

let lastEvaluation = '';
async function evaluateNow(accountId: string, sync = false): Promise<EvaluateAccountResult> {
  lastEvaluation = `evaluate-test-${randomUUID()}`;
  // As the sweep and the API start it (the flag skips the patch); other tests start it without.
  return t.client.workflow.execute(evaluateAccountWorkflow, { taskQueue: t.taskQueue, workflowId: lastEvaluation, args: [{ accountId, trigger: 'staff', sync, localSteps: true }] });
}


async function simulate(transferWorkflowId: string, events: ('posted' | 'settled' | 'funds_available')[]) {
  const plaidTransferId = await eventually('the transfer to be created at Plaid', async () => {
    const r = await db.query('SELECT a.plaid_transfer_id FROM transfers.attempts a JOIN transfers.transfers t ON t.id = a.transfer_id WHERE t.workflow_id = $1 AND a.plaid_transfer_id IS NOT NULL', [transferWorkflowId]);
    return r.rows[0]?.plaid_transfer_id as string | undefined;
  });
  for (const event_type of events) await sandbox.plaid.sandboxTransferSimulate({ transfer_id: plaidTransferId, event_type });
  await sandbox.sandbox.flushWebhooks();
}

const ledgerSum = async () => Number((await db.query('SELECT coalesce(sum(amount_cents), 0) AS s FROM transfers.ledger_lines')).rows[0].s);

it('runs the whole money loop: advance out, settled, notice, payday, repayment collected, advance closed', async () => {
  const c = await approvedCustomer();
  // New data at the bank fires Plaid's SYNC_UPDATES_AVAILABLE webhook; our API answers it with an
  // evaluation of that account (sync first). Each step waits for the evaluation it causes,
  // whichever trigger ran it.
  const recorded = (action: string, since: number) =>
    eventually(`an evaluation that decides ${action}`, async () => {
      const r = await db.query(
        `SELECT action, reason_code, amount_cents, transfer_workflow_id, trigger FROM evaluate.evaluations WHERE account_id = $1 AND action = $2 AND evaluated_at > to_timestamp($3 / 1000.0)`,
        [c.accountId, action, since],
      );
      return r.rows[0];
    });

  // Balance $20 under the $50 default threshold: an advance of $30 (whole dollars, >= $25 minimum).
  let since = Date.now();
  await sandbox.control('/accounts/balance', { account_id: c.plaidAccountId, available: 20, current: 20 });
  await evaluateNow(c.accountId);
  // evaluate-advance.json is this run as it was before gathering and recording became local
  // activities, evaluate-advance-local-steps.json as it was behind their patch (both kept: running
  // workflows replay them); this one is the run as it is now, flagged in its input.
  await recordHistory(t.client, lastEvaluation, 'evaluate-advance-local-steps-flag');
  const first = await recorded('advance', since);
  expect(first).toMatchObject({ amount_cents: '3000', reason_code: 'BALANCE_BELOW_THRESHOLD' });
  expect((await db.query('SELECT count(*) FROM transfers.advances WHERE account_id = $1', [c.accountId])).rows[0].count).toBe('1');
  await simulate(first.transfer_workflow_id, ['posted', 'settled']);
  await getTemporalClient().workflow.getHandle(first.transfer_workflow_id).result();
  const me = await call(api, 'GET', '/v1/me', { token: c.token });
  expect(me.body.advance.current).toMatchObject({ outstandingCents: 3000 });

  // No second advance while one is outstanding.
  since = Date.now();
  const second = await evaluateNow(c.accountId);
  expect(second.action).not.toBe('advance');

  // Up to two days before payday the customer is told the date and amount. Whatever today's date,
  // move the bank's clock to two days before payday, and let a small card purchase there trigger the
  // evaluation. When payday is already that close (two banking days: a few days of every pay
  // cycle), the evaluation above gave the notice itself.
  const sandboxDay = () => sandbox.clock.now().toISOString().slice(0, 10);
  const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  const payday = c.decision.nextPayday as string;
  const lead = daysBetween(sandboxDay(), payday) - 2;
  if (second.action !== 'notify') {
    expect(second.action).toBe('none');
    if (lead > 0) await sandbox.control('/clock/advance', { days: lead });
    since = Date.now();
    await sandbox.control('/transactions/add', { item_id: c.plaidItemId, transactions: [{ amount: 4.5, name: 'COFFEE SHOP', date: sandboxDay() }] });
  }
  const notice = await recorded('notify', since);
  expect(notice).toMatchObject({ reason_code: 'REPAYMENT_NOTICE_REQUIRED', amount_cents: '3000', trigger: second.action === 'notify' ? 'staff' : 'webhook' });
  const told = await call(api, 'GET', '/v1/me', { token: c.token });
  const pullOn = told.body.advance.nextRepayment.on as string;
  expect(told.body.advance.nextRepayment.amountCents).toBe(3000);
  // On payday, or two days after the notice when payday came sooner.
  expect(pullOn >= payday).toBe(true);

  // That day the paycheck lands, and the webhook's evaluation collects the repayment.
  const wait = daysBetween(sandboxDay(), pullOn);
  if (wait > 0) await sandbox.control('/clock/advance', { days: wait });
  since = Date.now();
  await sandbox.control('/transactions/add', {
    item_id: c.plaidItemId,
    adjust_balance: true,
    transactions: [{ amount: -1200, name: 'ACME CORP PAYROLL', date: pullOn, personal_finance_category: { primary: 'INCOME', detailed: 'INCOME_WAGES' } }],
  });
  const repay = await recorded('repay', since);
  expect(repay).toMatchObject({ reason_code: 'REPAYMENT_DUE', amount_cents: '3000' });
  await simulate(repay.transfer_workflow_id, ['posted', 'settled', 'funds_available']);
  await getTemporalClient().workflow.getHandle(repay.transfer_workflow_id).result();

  const advance = (await db.query('SELECT status FROM transfers.advances WHERE account_id = $1', [c.accountId])).rows[0];
  expect(advance.status).toBe('repaid');
  const after = await call(api, 'GET', '/v1/me', { token: c.token });
  expect(after.body.advance.current).toBeNull();
  expect(Number((await db.query(`SELECT coalesce(sum(amount_cents), 0) AS s FROM transfers.ledger_lines WHERE ledger_account = $1`, [`customer_receivable:${c.accountId}`])).rows[0].s)).toBe(0);
  expect(await ledgerSum()).toBe(0);

  const history = await call(api, 'GET', `/v1/admin/evaluations?accountId=${c.accountId}`, { token: staff });
  expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['advance', 'notify', 'repay']));
  expect(history.body.items[0]).toMatchObject({ reasonCode: expect.any(String), ruleVersion: expect.stringContaining('evaluate-rules'), temporalUrl: expect.any(String) });
}, 120_000);

it('makes one advance when two evaluations run at once', async () => {
  const c = await approvedCustomer();
  await sandbox.control('/accounts/balance', { account_id: c.plaidAccountId, available: 10, current: 10 });
  const [a, b] = await Promise.all([evaluateNow(c.accountId), evaluateNow(c.accountId)]);
  // At most one of them sends it (a webhook-triggered evaluation of the new item may even beat
  // both); either way the account ends up with exactly one advance.
  expect([a.action, b.action].filter((x) => x === 'advance').length).toBeLessThanOrEqual(1);
  await eventually('the advance', async () => (await db.query('SELECT 1 FROM transfers.advances WHERE account_id = $1', [c.accountId])).rows[0]);
  expect((await db.query('SELECT count(*) FROM transfers.advances WHERE account_id = $1', [c.accountId])).rows[0].count).toBe('1');
  // The staff button twice at once lands on one run (fixed workflow id), adding nothing.
  const [x, y] = await Promise.all([
    call(api, 'POST', '/v1/admin/evaluations', { token: staff, body: { accountId: c.accountId } }),
    call(api, 'POST', '/v1/admin/evaluations', { token: staff, body: { accountId: c.accountId } }),
  ]);
  expect([x.status, y.status]).toEqual([202, 202]);
  expect(x.body.workflowId).toBe(y.body.workflowId);
  await getTemporalClient().workflow.getHandle(x.body.workflowId).result();
  expect((await db.query('SELECT count(*) FROM transfers.advances WHERE account_id = $1', [c.accountId])).rows[0].count).toBe('1');
}, 90_000);

it('gives nothing to an account whose bank needs a new login, and marks it', async () => {
  const c = await approvedCustomer();
  // Login first: the balance change fires a webhook, and its evaluation must also find the login gone.
  await sandbox.plaid.sandboxItemResetLogin({ access_token: c.accessToken });
  await sandbox.control('/accounts/balance', { account_id: c.plaidAccountId, available: 5, current: 5 });
  const r = await evaluateNow(c.accountId);
  expect(r).toMatchObject({ action: 'none', reason: 'BANK_LOGIN_REQUIRED' });
  expect((await db.query('SELECT status FROM bank.items WHERE account_id = $1', [c.accountId])).rows[0].status).toBe('login_required');
  expect((await db.query('SELECT count(*) FROM transfers.advances WHERE account_id = $1', [c.accountId])).rows[0].count).toBe('0');
}, 90_000);

it('sweeps every evaluable account page by page (continue-as-new), each evaluation recorded', async () => {
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM accounts.accounts a JOIN accounts.advance_terms t ON t.account_id = a.id WHERE a.status = 'active'`);
  const before = Number((await db.query('SELECT count(*) FROM evaluate.evaluations')).rows[0].count);
  const handle = await t.client.workflow.start(evaluateSweepWorkflow, {
    taskQueue: t.taskQueue,
    workflowId: `sweep-test-${randomUUID()}`,
    args: [{ afterId: null, pageSize: 2, fanOut: 2, batchSize: 1, processed: 0, failed: 0, trigger: 'staff' }],
  });
  const result = await handle.result();
  expect(result).toMatchObject({ processed: rows[0].n, failed: 0 });
  // One run per page: each run lists the next page while it evaluates its own, so a full last page
  // whose next page is empty ends the sweep without a run that finds nothing (visibility is
  // eventually consistent).
  await eventually('every sweep run to be listed', async () => {
    const runs = [];
    for await (const wf of t.client.workflow.list({ query: `WorkflowId = "${handle.workflowId}"` })) runs.push(wf.runId);
    return runs.length === Math.max(1, Math.ceil(rows[0].n / 2)) || undefined;
  });
  // Every account's evaluation is recorded: by the sweep, or by the account's own workflow when
  // the sweep handed it over to act.
  await eventually('every evaluation to be recorded', async () => {
    const after = Number((await db.query('SELECT count(*) FROM evaluate.evaluations')).rows[0].count);
    return after - before === rows[0].n || undefined;
  });
}, 90_000);
