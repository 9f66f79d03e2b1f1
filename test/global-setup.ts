/**
 * Starts what the tests need, once per `npm test`:
 * - a real Temporal dev server (in memory, headless, on a free port);
 * - a fresh PostgreSQL database, created here and dropped in global-teardown, with migrations applied.
 * The addresses reach every test file through process.env (Jest workers inherit it).
 */
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { ensureDatabase, migrate } from '../db/migrate';
import { writeWorkflowBundle } from '../scripts/bundle-workflows';
import { startDevServer } from '../scripts/temporal-dev-server';
import { freePort } from '../scripts/net';

export default async function globalSetup(): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `timely_test_${Date.now()}_${process.pid}`;
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  const databaseUrl = u.toString();
  await ensureDatabase(databaseUrl).catch((err) => {
    throw new Error(`tests need PostgreSQL at ${adminUrl} (set TEST_DATABASE_ADMIN_URL): ${err.message}`);
  });
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await migrate(pool);
  } finally {
    await pool.end();
  }

  const port = await freePort();
  // The server starts while the workflow code bundles: both take seconds on a small machine.
  const [server, bundlePath] = await Promise.all([
    startDevServer({ port, logFile: path.join(os.tmpdir(), `timely-test-temporal-${port}.log`) }),
    writeWorkflowBundle(path.join(os.tmpdir(), `timely-test-bundle-${process.pid}.js`)),
  ]);

  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: `timely-test-${process.pid}`,
    WORKFLOW_BUNDLE_PATH: bundlePath,
    METRICS_PORT: '0',
  });
  (globalThis as Record<string, unknown>).__timelyTest = { server, databaseUrl, adminUrl, dbName };
}
