/**
 * The API on a database and task queue of a test file's own, with the local Plaid sandbox, a
 * signed-in operator and customer, and a row counter: for tests that assert "nothing written" and
 * "no workflow started", which other files running beside them must not move.
 */
import { Pool } from 'pg';
import { closePool } from '../../db/pool';
import type { TestSandbox } from '../../plaid-sandbox/test/harness';
import { resetConfigForTests } from '../../platform/config';
import { closeTemporalClient } from '../../platform/temporal-client';
import { signUpAndSignIn, startApi, type TestApi } from './api';
import { useIsolatedDatabase } from './isolated-db';
import { startSandboxForTimely } from './plaid';
import { rowCounter, type RowCounts } from './row-counts';
import { staffToken } from './staff';

export interface IsolatedApi {
  api: TestApi;
  sandbox: TestSandbox;
  db: Pool;
  /** The task queue workflows would be started on (nothing polls it). */
  taskQueue: string;
  /** An operator's bearer token. */
  staff: string;
  customer: { accountId: string; token: string };
  /** Row counts of every module's tables (test/support/row-counts.ts). */
  rowCounts: () => Promise<RowCounts>;
  close(): Promise<void>;
}

export async function startIsolatedApi(tag: string): Promise<IsolatedApi> {
  const isolated = await useIsolatedDatabase(tag);
  const taskQueue = `${tag}-${process.pid}`;
  process.env.TEMPORAL_TASK_QUEUE = taskQueue;
  resetConfigForTests();
  const sandbox = await startSandboxForTimely();
  const api = await startApi();
  const db = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  return {
    api,
    sandbox,
    db,
    taskQueue,
    rowCounts: await rowCounter(db),
    staff: await staffToken(api, 'operator'),
    customer: await signUpAndSignIn(api),
    async close() {
      await api.close();
      await sandbox.close();
      await db.end();
      await closeTemporalClient();
      await closePool();
      await isolated.drop();
    },
  };
}
