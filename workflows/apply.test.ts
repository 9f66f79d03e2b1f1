/**
 * applyWorkflow end to end: the API starts it, a real worker runs it on the real dev server, the
 * local Plaid sandbox serves the bank, and the decision lands in the database and the Temporal UI.
 */
import { startSystem, TestSystem } from '../test/support/system';
import { Pool } from 'pg';
import { bankDeps } from '../activities/bank/deps';
import { loadHistory } from '../activities/bank/sync';
import { createApplication } from '../activities/underwriting/applications-store';
import { getPool } from '../db/pool';
import { call, signUpAndSignIn, TestApi } from '../test/support/api';
import { TestTemporal } from '../test/support/temporal';
import { eventually } from '../test/support/wait';
import { applicationProgressQuery, applyWorkflow, applyWorkflowIdPrefix } from './apply';
import { staffToken } from '../test/support/staff';
import { recordHistory } from '../test/support/record-history';

let api: TestApi;
let t: TestTemporal;
let db: Pool;
let sys: TestSystem;
beforeAll(async () => {
  sys = await startSystem();
  ({ api, temporal: t, db } = sys);
});
afterAll(() => sys.close());

async function linked(username: string) {
  const c = await signUpAndSignIn(api);
  const pub = await call(api, 'POST', '/v1/bank/sandbox/public-token', { token: c.token, body: { username } });
  const link = await call(api, 'POST', '/v1/bank/link', { token: c.token, body: { publicToken: pub.body.publicToken } });
  expect(link.status).toBe(201);
  return c;
}

async function applyAndWait(token: string, headers: Record<string, string> = {}) {
  const started = await call(api, 'POST', '/v1/applications', { token, headers });
  expect(started.status).toBe(202);
  expect(started.body).toMatchObject({ id: expect.any(String), workflowId: expect.stringMatching(/^apply-/), status: 'running' });
  const done = await eventually('the application to be decided', async () => {
    const r = await call(api, 'GET', `/v1/applications/${started.body.id}`, { token });
    return r.body.status !== 'running' ? r.body : undefined;
  });
  return { started: started.body, done };
}

it('approves the steady biweekly earner with a limit and the next payday, explainably', async () => {
  const c = await linked('user_steady_biweekly');
  const { started, done } = await applyAndWait(c.token);
  expect(done.status).toBe('approved');
  expect(done.decision).toMatchObject({ approved: true, modelVersion: expect.any(String) });
  expect(done.decision.limitCents).toBeGreaterThan(0);
  expect(done.decision.nextPayday).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(done.decision.nextPayday > new Date().toISOString().slice(0, 10) || done.decision.nextPayday === new Date().toISOString().slice(0, 10)).toBe(true);

  // Every input and output is stored; the account got its terms.
  const d = await db.query('SELECT features, inputs, income FROM underwriting.decisions WHERE application_id = $1', [started.id]);
  expect(d.rows[0].features.identity).toBe('matched');
  // The bank history it decided on is stored once in the bank module and named by id (issue 13).
  expect(d.rows[0].inputs.history).toBeUndefined();
  const snapshot = await db.query('SELECT history FROM bank.history_snapshots WHERE id = $1 AND snapshot_key = $2', [d.rows[0].inputs.historyId, `apply:${started.id}`]);
  expect(snapshot.rows[0].history.transactions.length).toBeGreaterThan(60);
  // Built inside PostgreSQL (snapshotStoredHistory), it is exactly what the bank module's reader
  // makes of the same stored rows.
  expect(snapshot.rows[0].history).toEqual(await loadHistory(bankDeps(), c.accountId));
  expect(d.rows[0].income.cadence).toBe('biweekly');
  const terms = await db.query('SELECT approved, limit_cents FROM accounts.advance_terms WHERE account_id = $1', [c.accountId]);
  expect(terms.rows[0]).toEqual({ approved: true, limit_cents: String(done.decision.limitCents) });

  // The workflow answers its progress query with every step done.
  const progress = await t.client.workflow.getHandle(started.workflowId).query(applicationProgressQuery);
  expect(progress).toEqual({
    status: 'approved',
    currentStep: null,
    stepsDone: ['fetch_account', 'fetch_consumer_information', 'fetch_bank_history', 'underwrite', 'record_decision', 'update_limit'],
  });

  // Operators can filter runs by account and status in the Temporal UI.
  const found = await eventually('the run to be visible by search attributes', async () => {
    for await (const wf of t.client.workflow.list({ query: `AccountId = "${c.accountId}" AND TimelyStatus = "approved"` })) return wf.workflowId;
    return undefined;
  });
  expect(found).toBe(started.workflowId);

  // The short steps ran as local activities (markers, by name); the sync is the one activity task.
  const events = (await t.client.workflow.getHandle(started.workflowId).fetchHistory()).events ?? [];
  expect(events.flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? [])).toEqual(['syncBankHistorySnapshot']);
  expect(events.filter((e) => e.workflowTaskCompletedEventAttributes)).toHaveLength(2);
  // The API's start says so in the input: no patch marker, and the one search attribute update is the status.
  expect(events.flatMap((e) => e.markerRecordedEventAttributes?.markerName ?? []).filter((m) => m !== 'core_local_activity')).toEqual([]);
  expect(events.flatMap((e) => Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}))).toEqual(['TimelyStatus']);

  // apply-approved.json (plaintext payloads, history inline), apply-approved-encrypted.json (each
  // step an activity task) and apply-approved-local-steps.json (the patch asked) stay: running
  // workflows replay them.
  await recordHistory(t.client, started.workflowId, 'apply-approved-local-steps-flag');
});

it('declines the no-income scenario with reasons', async () => {
  const c = await linked('user_no_income');
  const { done } = await applyAndWait(c.token);
  expect(done.status).toBe('declined');
  expect(done.decision.approved).toBe(false);
  expect(done.decision.limitCents).toBe(0);
  expect(done.decision.reasons.map((r: { code: string }) => r.code)).toContain('NO_RECURRING_INCOME');
  expect(done.decision.reasons[0].message).toEqual(expect.any(String));
});

it('limits or declines the repeated-overdrafts scenario, saying why', async () => {
  const c = await linked('user_overdrafts');
  const { done } = await applyAndWait(c.token);
  // Below the top tier ($500) or declined, with the balance-behaviour reason that caused it.
  expect(done.decision.limitCents).toBeLessThan(50_000);
  expect(done.decision.reasons.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining([expect.stringMatching(/^(FREQUENT_OVERDRAFTS|OTHER_CASH_ADVANCES)$/)]));
});

it('refuses to apply without a linked bank, and answers a repeated Idempotency-Key with the same application', async () => {
  const bare = await signUpAndSignIn(api);
  const r = await call(api, 'POST', '/v1/applications', { token: bare.token });
  expect(r.status).toBe(409);
  expect(r.body.type).toContain('no-linked-bank');

  const c = await linked('user_steady_biweekly');
  const key = `key-${Date.now()}`;
  const first = await call(api, 'POST', '/v1/applications', { token: c.token, headers: { 'Idempotency-Key': key } });
  const second = await call(api, 'POST', '/v1/applications', { token: c.token, headers: { 'Idempotency-Key': key } });
  expect(second.body.id).toBe(first.body.id);
  expect((await db.query('SELECT count(*) FROM underwriting.applications WHERE account_id = $1', [c.accountId])).rows[0].count).toBe('1');
  await t.client.workflow.getHandle(first.body.workflowId).result();
});

it('allows one running application per account, enforced by the database', async () => {
  const c = await signUpAndSignIn(api);
  await createApplication(getPool(), c.accountId, null, `apply-x-${c.accountId}-`);
  await expect(createApplication(getPool(), c.accountId, null, `apply-x-${c.accountId}-`)).rejects.toMatchObject({ code: 'application-running' });
});

it('ends as failed with an actionable reason when the bank login expired, never stuck', async () => {
  const c = await linked('user_good');
  await db.query(`UPDATE bank.items SET status = 'login_required' WHERE account_id = $1`, [c.accountId]);
  const { application } = await createApplication(getPool(), c.accountId, null, applyWorkflowIdPrefix(c.accountId));
  const result = await t.client.workflow.execute(applyWorkflow, {
    taskQueue: t.taskQueue,
    workflowId: application.workflowId,
    args: [{ applicationId: application.id, accountId: c.accountId }],
  });
  expect(result).toMatchObject({ status: 'failed', failure: { code: 'BANK_LOGIN_REQUIRED', reason: expect.stringContaining('re-link') } });
  const view = await call(api, 'GET', `/v1/applications/${application.id}`, { token: c.token });
  expect(view.body).toMatchObject({ status: 'failed', failure: { code: 'BANK_LOGIN_REQUIRED' } });
  const other = await signUpAndSignIn(api);
  expect((await call(api, 'GET', `/v1/applications/${application.id}`, { token: other.token })).status).toBe(404);
});

it('shows staff the applications by status with a link to the run in the Temporal UI', async () => {
  const r = await call(api, 'GET', '/v1/admin/applications?status=approved', { token: await staffToken(api) });
  expect(r.status).toBe(200);
  expect(r.body.items.length).toBeGreaterThan(0);
  expect(r.body.items[0]).toMatchObject({ status: 'approved', temporalUrl: expect.stringMatching(/\/namespaces\/default\/workflows\/apply-/) });
  const customer = await signUpAndSignIn(api);
  expect((await call(api, 'GET', '/v1/admin/applications', { token: customer.token })).status).toBe(403);
});

it("answers a running application's progress from the database when its run does not answer the query in time", async () => {
  // No worker polls this run's task queue, so its progress query cannot be answered: as for a run
  // whose workflow task is busy retrying a slow bank in a local activity.
  const c = await signUpAndSignIn(api);
  const { application } = await createApplication(getPool(), c.accountId, null, applyWorkflowIdPrefix(c.accountId));
  const handle = await t.client.workflow.start(applyWorkflow, {
    taskQueue: `nobody-polls-${application.id}`,
    workflowId: application.workflowId,
    args: [{ applicationId: application.id, accountId: c.accountId }],
  });
  try {
    const t0 = Date.now();
    const view = await call(api, 'GET', `/v1/applications/${application.id}`, { token: c.token });
    const waited = Date.now() - t0;
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ status: 'running', steps: { current: null, done: [] } });
    // The 2 s deadline, not the query's own (much longer) timeout.
    expect(waited).toBeGreaterThanOrEqual(1900);
    expect(waited).toBeLessThan(6000);
  } finally {
    await handle.terminate('test done');
  }
});
