/**
 * The system under test, as most integration tests need it: the local Plaid sandbox, a worker on
 * this file's own task queue, the API on a real port (Plaid's webhooks pointed at it), and a pool
 * for assertions. `close()` stops all of it in order.
 */
import { Pool } from 'pg';
import { closePool } from '../../db/pool';
import { resetConfigForTests } from '../../platform/config';
import { closeTemporalClient } from '../../platform/temporal-client';
import { ignoreIdleClientError, type TestSandbox } from '../../plaid-sandbox/test/harness';
import { startApi, TestApi } from './api';
import { startSandboxForTimely, useWebhookUrl } from './plaid';
import { startTestWorker, TestTemporal } from './temporal';

export interface TestSystem {
  sandbox: TestSandbox;
  api: TestApi;
  /** absent with { worker: false } */
  temporal: TestTemporal;
  db: Pool;
  close(): Promise<void>;
}

export async function startSystem(opts: { worker?: boolean; env?: Record<string, string> } = {}): Promise<TestSystem> {
  Object.assign(process.env, opts.env ?? {});
  resetConfigForTests();
  const sandbox = await startSandboxForTimely();
  const temporal = opts.worker === false ? undefined : await startTestWorker();
  const api = await startApi();
  useWebhookUrl(api.url);
  const db = new Pool({ connectionString: process.env.DATABASE_URL, max: 3 });
  db.on('error', ignoreIdleClientError);
  return {
    sandbox,
    api,
    temporal: temporal as TestTemporal,
    db,
    async close() {
      await api.close();
      await temporal?.stop();
      await sandbox.close();
      await db.end();
      await closeTemporalClient();
      await closePool();
    },
  };
}
