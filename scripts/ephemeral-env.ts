/**
 * A throwaway environment for tests and benchmarks: a fresh database (migrated, dropped at stop),
 * a Temporal dev server in memory on a free port, and the workflow bundle built once.
 */
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { ensureDatabase, migrate } from '../db/migrate';
import { writeWorkflowBundle } from './bundle-workflows';
import { freePort } from './net';
import { DevServer, startDevServer } from './temporal-dev-server';

export interface EphemeralEnv {
  databaseUrl: string;
  temporalAddress: string;
  bundlePath: string;
  server: DevServer;
  /** env vars pointing Timely's config at this environment */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startEphemeralEnv(purpose: 'test' | 'bench'): Promise<EphemeralEnv> {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `timely_${purpose}_${Date.now()}_${process.pid}`;
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  const databaseUrl = u.toString();
  await ensureDatabase(databaseUrl).catch((err) => {
    throw new Error(`${purpose} needs PostgreSQL at ${adminUrl} (set TEST_DATABASE_ADMIN_URL): ${err.message}`);
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
    startDevServer({ port, logFile: path.join(os.tmpdir(), `timely-${purpose}-temporal-${port}.log`) }),
    writeWorkflowBundle(path.join(os.tmpdir(), `timely-${purpose}-bundle-${process.pid}.js`)),
  ]);
  return {
    databaseUrl,
    temporalAddress: server.address,
    bundlePath,
    server,
    env: {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_NAMESPACE: 'default',
      WORKFLOW_BUNDLE_PATH: bundlePath,
      METRICS_PORT: '0',
    },
    async stop() {
      await server.stop();
      const admin = new Pool({ connectionString: adminUrl, max: 1 });
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
