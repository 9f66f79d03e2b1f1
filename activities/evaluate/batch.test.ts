/**
 * The set-based sweep batch against the per-account path it replaced: for a batch of accounts in
 * different situations (far above the threshold, near it, below it, bank login expired, an
 * advance outstanding), the batch reaches the same decisions as evaluating each account alone with
 * a real-time balance; it asks Plaid for a balance only where the kept one could matter; it records
 * every "nothing" itself, and the one account that needs money is handed to its own
 * evaluateAccountWorkflow, which is the only place an advance is opened.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { decide } from '../../domain/evaluate/rules';
import { getTemporalClient } from '../../platform/temporal-client';
import { startSystem, TestSystem } from '../../test/support/system';
import { customerWithSettledAdvance, linkedCustomer } from '../../test/support/transfers';
import { useIsolatedDatabase } from '../../test/support/isolated-db';
import { eventually } from '../../test/support/wait';
import { evaluateWorkflowId } from '../../workflows/evaluate';
import { evaluateBatch } from './batch';
import { evaluationPolicy, gatherEvaluation } from './gather';

let isolated: Awaited<ReturnType<typeof useIsolatedDatabase>>;
let sys: TestSystem;
beforeAll(async () => {
  isolated = await useIsolatedDatabase('evaluate_batch');
  sys = await startSystem();
}, 60_000);
afterAll(async () => {
  await sys.close();
  await isolated.drop();
});

/**
 * A link makes the sandbox send SYNC_UPDATES_AVAILABLE in the background. When it reaches the API
 * after the token exchange, the API starts an evaluation that syncs the bank's 90 days, which for
 * user_good include $950 of rent: a race that once made `far` look near its threshold in CI. So the
 * test waits for every webhook to be delivered and for any evaluation it started to finish, and then
 * sets each account's kept history itself.
 */
async function linksSettled(accountIds: readonly string[]) {
  await sys.sandbox.sandbox.flushWebhooks();
  for (const id of accountIds) {
    const handle = getTemporalClient().workflow.getHandle(evaluateWorkflowId(id));
    try {
      await handle.describe();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) continue;
      throw err;
    }
    await handle.result();
  }
}

/** Approved terms, the customer's own threshold, and 20 days of $5 card purchases as the only kept history. */
async function evaluable(accountId: string, thresholdCents: number) {
  await sys.db.query(
    `INSERT INTO accounts.advance_terms (account_id, approved, limit_cents, next_payday, income_cadence, application_id, model_version)
     VALUES ($1, true, 20000, current_date + 7, 'biweekly', gen_random_uuid(), 'test') ON CONFLICT (account_id) DO NOTHING`,
    [accountId],
  );
  await sys.db.query('UPDATE accounts.accounts SET low_balance_threshold_cents = $2 WHERE id = $1', [accountId, thresholdCents]);
  const { rows } = await sys.db.query(
    `SELECT i.id AS item_id, a.plaid_account_id FROM bank.items i JOIN bank.accounts a ON a.item_id = i.id AND a.subtype = 'checking' WHERE i.account_id = $1`,
    [accountId],
  );
  await sys.db.query('DELETE FROM bank.transactions WHERE item_id = $1', [rows[0].item_id]);
  await sys.db.query(
    `INSERT INTO bank.transactions (transaction_id, item_id, plaid_account_id, amount_cents, date, name, pending, raw)
     SELECT $3 || g, $1, $2, 500, current_date - g, 'CARD PURCHASE', false, '{}'::jsonb FROM generate_series(0, 19) g`,
    [rows[0].item_id, rows[0].plaid_account_id, `test-${randomUUID()}-`],
  );
}

it('decides as the per-account path did, on kept balances where they cannot matter, and moves money only through evaluateAccountWorkflow', async () => {
  // user_good: $100 available at the bank.
  const far = (await linkedCustomer(sys.api)).accountId; // threshold $10: $90 of room, $5 could go before the next sweep
  const near = (await linkedCustomer(sys.api)).accountId; // threshold $99: $1 of room
  const below = (await linkedCustomer(sys.api)).accountId; // threshold $150: an advance
  const login = (await linkedCustomer(sys.api)).accountId;
  const owing = (await customerWithSettledAdvance(sys)).accountId; // $30 outstanding
  await linksSettled([far, near, below, login, owing]);
  for (const [id, threshold] of [[far, 1_000], [near, 9_900], [below, 15_000], [login, 1_000], [owing, 1_000]] as const) await evaluable(id, threshold);
  await sys.db.query(`UPDATE bank.items SET status = 'login_required' WHERE account_id = $1`, [login]);
  const ids = [far, near, below, login, owing];

  // Before: each account alone, with a real-time balance.
  const before = new Map<string, ReturnType<typeof decide>>();
  for (const id of ids) before.set(id, decide((await gatherEvaluation(id, false)).input, evaluationPolicy()));
  expect(before.get(far)!.reason).toBe('BALANCE_ABOVE_THRESHOLD');
  expect(before.get(near)!.reason).toBe('BALANCE_ABOVE_THRESHOLD');
  expect(before.get(below)!).toMatchObject({ action: 'advance', reason: 'BALANCE_BELOW_THRESHOLD' });
  expect(before.get(login)!.reason).toBe('BANK_LOGIN_REQUIRED');

  const sweep = { sweepWorkflowId: `sweep-test-${randomUUID()}`, sweepRunId: randomUUID(), trigger: 'staff' };
  const result = await new MockActivityEnvironment().run(evaluateBatch, { accountIds: ids, ...sweep });
  expect(result).toEqual({ evaluated: 5, handedOver: 1, failed: 0 });

  const recorded = new Map(
    (await sys.db.query(`SELECT account_id, action, reason_code, inputs FROM evaluate.evaluations WHERE workflow_id = $1`, [sweep.sweepWorkflowId])).rows.map((r) => [r.account_id, r]),
  );
  // Every "nothing" is recorded by the batch, with the reason the per-account path gave.
  expect([...recorded.keys()].sort()).toEqual([far, near, login, owing].sort());
  for (const id of [far, near, login, owing]) expect({ id, reason: recorded.get(id).reason_code }).toEqual({ id, reason: before.get(id)!.reason });
  // Far above: the kept balance stood in. Near: a real-time balance was asked for.
  expect(recorded.get(far).inputs).toMatchObject({ balance: { source: 'kept', availableCents: 10_000 }, balanceNeed: { realTime: false, reason: 'kept-clear-of-threshold' } });
  expect(recorded.get(near).inputs).toMatchObject({ balance: { source: 'real-time', availableCents: 10_000 }, balanceNeed: { realTime: true, reason: 'near-threshold' } });
  expect(recorded.get(login).inputs.balanceNeed).toMatchObject({ realTime: false, reason: 'balance-not-used' });

  // The account below its threshold went to its own workflow, which opened the one advance.
  const handle = getTemporalClient().workflow.getHandle(evaluateWorkflowId(below));
  expect(await handle.result()).toMatchObject({ action: 'advance', amountCents: 5_000 });
  const advances = await sys.db.query(`SELECT account_id, evaluation_id FROM transfers.advances WHERE account_id = ANY($1::uuid[]) AND account_id <> $2`, [ids, owing]);
  expect(advances.rows).toEqual([{ account_id: below, evaluation_id: expect.stringMatching(new RegExp(`^${evaluateWorkflowId(below)}:`)) }]);
  await eventually('the workflow to record its evaluation', async () =>
    (await sys.db.query(`SELECT 1 FROM evaluate.evaluations WHERE workflow_id = $1 AND action = 'advance'`, [evaluateWorkflowId(below)])).rowCount || undefined,
  );

  // A retried batch records nothing twice and opens nothing more.
  await new MockActivityEnvironment().run(evaluateBatch, { accountIds: [far, near, login], ...sweep });
  expect(Number((await sys.db.query(`SELECT count(*) FROM evaluate.evaluations WHERE workflow_id = $1`, [sweep.sweepWorkflowId])).rows[0].count)).toBe(4);
}, 120_000);
