/**
 * An evaluation whose worker dies while the advance starts: the worker is frozen after the advance
 * and its transfer are stored but before the transfer's workflow starts (crash point
 * `advance:after-commit`), then SIGKILLed. The run's gathering and decision were committed to its
 * history before that step ran (they are local activities; acting is an activity task), so a new
 * worker retries the step with the same evaluation key, even though the balance has recovered
 * meanwhile: one advance, one transfer, its workflow started, the evaluation recorded once, as
 * `advance`.
 */
import { randomUUID } from 'node:crypto';
import { getTemporalClient } from '../platform/temporal-client';
import { type CrashHarness, startCrashHarness } from '../test/support/crash-harness';
import { linkedCustomer } from '../test/support/transfers';
import { eventually } from '../test/support/wait';
import { evaluateAccountWorkflow } from './evaluate';

let h: CrashHarness;
beforeAll(async () => {
  h = await startCrashHarness({ prefix: 'evaluate-crash', env: { TRANSFER_POLL_INTERVAL_SECONDS: '2' } });
});
afterAll(() => h.close());

it('starts exactly one advance when the worker dies between storing it and starting its transfer', async () => {
  const c = await linkedCustomer(h.api);
  // Approved for $200 with the default threshold ($50); the bank says $20 is available.
  await h.db.query(
    `INSERT INTO accounts.advance_terms (account_id, approved, limit_cents, next_payday, income_cadence, application_id, model_version)
     VALUES ($1, true, 20000, current_date + 7, 'biweekly', gen_random_uuid(), 'test')`,
    [c.accountId],
  );
  const checking = (await h.db.query(`SELECT a.plaid_account_id FROM bank.accounts a JOIN bank.items i ON i.id = a.item_id WHERE i.account_id = $1 AND a.subtype = 'checking'`, [c.accountId])).rows[0];
  await h.sandbox.control('/accounts/balance', { account_id: checking.plaid_account_id, available: 20, current: 20 });

  const frozen = await h.worker('advance:after-commit');
  const workflowId = `evaluate-crash-${randomUUID()}`;
  const run = await getTemporalClient().workflow.start(evaluateAccountWorkflow, {
    taskQueue: h.taskQueue,
    workflowId,
    args: [{ accountId: c.accountId, trigger: 'staff', activityTimeoutSeconds: 2 }],
  });
  const transfer = await eventually('the advance and its transfer to be stored', async () => {
    const r = await h.db.query(`SELECT t.id, t.workflow_id FROM transfers.transfers t JOIN transfers.advances a ON a.id = t.advance_id WHERE a.account_id = $1`, [c.accountId]);
    return r.rows[0] as { id: string; workflow_id: string } | undefined;
  });
  await h.frozenAt(frozen, 'advance:after-commit', transfer.id);
  await expect(getTemporalClient().workflow.getHandle(transfer.workflow_id).describe()).rejects.toThrow(); // not started yet
  // Meanwhile the customer is paid: a run that gathered and decided again would now decide nothing
  // and leave the stored advance without a workflow to move it.
  await h.sandbox.control('/accounts/balance', { account_id: checking.plaid_account_id, available: 500, current: 500 });
  await h.kill(frozen, [workflowId]);

  await h.worker();
  const result = await run.result();
  expect(result).toMatchObject({ action: 'advance', amountCents: 3000, transferWorkflowId: transfer.workflow_id });
  const counts = (
    await h.db.query(
      `SELECT (SELECT count(*)::int FROM transfers.advances WHERE account_id = $1) AS advances,
              (SELECT count(*)::int FROM transfers.transfers WHERE account_id = $1) AS transfers,
              (SELECT count(*)::int FROM evaluate.evaluations WHERE workflow_id = $2 AND action = 'advance') AS recorded`,
      [c.accountId, workflowId],
    )
  ).rows[0];
  expect(counts).toEqual({ advances: 1, transfers: 1, recorded: 1 });
  // The transfer's own workflow runs (started by the retried step), the money now in its hands.
  expect((await getTemporalClient().workflow.getHandle(transfer.workflow_id).describe()).status.name).toBe('RUNNING');
  // The step ran again after the kill (attempt 2, or later on a slow machine), the only activity
  // task of the run; gathering and deciding were not redone (the balance is $500 now, yet it advanced).
  const events = (await run.fetchHistory()).events ?? [];
  const started = events.filter((e) => e.activityTaskStartedEventAttributes).map((e) => e.activityTaskStartedEventAttributes!.attempt!);
  expect(started).toHaveLength(1);
  expect(started[0]).toBeGreaterThanOrEqual(2);
  expect(events.filter((e) => e.activityTaskScheduledEventAttributes).map((e) => e.activityTaskScheduledEventAttributes!.activityType!.name)).toEqual(['startAdvanceTransfer']);
}, 120_000);
