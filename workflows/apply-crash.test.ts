/**
 * A worker process is SIGKILLed in the middle of an application and another one takes over: the
 * application completes once and nothing is recorded twice.
 */
import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { closePool } from '../db/pool';
import { resetConfigForTests } from '../platform/config';
import { closeTemporalClient, getTemporalClient } from '../platform/temporal-client';
import type { TestSandbox } from '../plaid-sandbox/test/harness';
import { call, signUpAndSignIn, startApi, TestApi } from '../test/support/api';
import { startSandboxForTimely } from '../test/support/plaid';
import { startWorkerProcess, WorkerProcess } from '../test/support/worker-process';
import { eventually } from '../test/support/wait';

let sandbox: TestSandbox;
let api: TestApi;
let db: Pool;
const workers: WorkerProcess[] = [];
const taskQueue = `crash-${randomUUID()}`;

beforeAll(async () => {
  sandbox = await startSandboxForTimely();
  process.env.TEMPORAL_TASK_QUEUE = taskQueue;
  resetConfigForTests();
  api = await startApi();
  db = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
});
afterAll(async () => {
  for (const w of workers) await w.kill();
  await api.close();
  await sandbox.close();
  await db.end();
  await closeTemporalClient();
  await closePool();
});

const workerEnv = () => ({ TEMPORAL_TASK_QUEUE: taskQueue, PLAID_LOCAL_URL: sandbox.url, PLAID_ENV: 'local', LOG_LEVEL: 'info' });

it('completes the application once after its worker is killed mid-run', async () => {
  const c = await signUpAndSignIn(api);
  const pub = await call(api, 'POST', '/v1/bank/sandbox/public-token', { token: c.token, body: { username: 'user_steady_biweekly' } });
  expect((await call(api, 'POST', '/v1/bank/link', { token: c.token, body: { publicToken: pub.body.publicToken } })).status).toBe(201);

  const first = await startWorkerProcess(workerEnv());
  workers.push(first);
  const started = await call(api, 'POST', '/v1/applications', { token: c.token });
  expect(started.status).toBe(202);
  const handle = getTemporalClient().workflow.getHandle(started.body.workflowId);

  // Kill the worker as soon as the bank-history step is under way (after identity and bureau).
  await eventually('the bank history step to start', async () => {
    const h = await handle.fetchHistory();
    const scheduled = (h.events ?? []).some((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'syncBankHistorySnapshot');
    return scheduled || undefined;
  }, 30_000, 20);
  await first.kill('SIGKILL');
  expect(first.proc.signalCode).toBe('SIGKILL');

  const second = await startWorkerProcess(workerEnv());
  workers.push(second);
  const done = await eventually('the application to be decided after the crash', async () => {
    const r = await call(api, 'GET', `/v1/applications/${started.body.id}`, { token: c.token });
    return r.body.status !== 'running' ? r.body : undefined;
  }, 90_000, 250);
  expect(done.status).toBe('approved');
  expect(await handle.result()).toMatchObject({ status: 'approved' });

  const count = async (sql: string) => Number((await db.query(sql, [c.accountId])).rows[0].count);
  expect(await count('SELECT count(*) FROM underwriting.decisions WHERE account_id = $1')).toBe(1);
  // The bank history stored once (a retried sync replaces its own snapshot).
  expect(await count('SELECT count(*) FROM bank.history_snapshots WHERE account_id = $1')).toBe(1);
  expect(await count('SELECT count(*) FROM underwriting.applications WHERE account_id = $1')).toBe(1);
  expect(await count(`SELECT count(*) FROM accounts.events WHERE account_id = $1 AND type = 'account.advance_terms_set'`)).toBe(1);
  const runs = [];
  for await (const wf of getTemporalClient().workflow.list({ query: `WorkflowId = "${started.body.workflowId}"` })) runs.push(wf.runId);
  expect(runs).toHaveLength(1);
}, 120_000);
