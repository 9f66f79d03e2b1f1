/**
 * Jest globalSetup for running only the sandbox's tests without the Temporal dev server:
 *   npx jest plaid-sandbox --globalSetup ./plaid-sandbox/test/standalone-setup.ts --globalTeardown ./plaid-sandbox/test/standalone-teardown.ts
 * Creates a fresh database (dropped by the teardown) and points DATABASE_URL at it, like test/global-setup.ts.
 */
import { ensureDatabase } from '../../db/migrate';

export default async function standaloneSetup(): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const u = new URL(adminUrl);
  const dbName = `plaid_sandbox_test_${Date.now()}_${process.pid}`;
  u.pathname = `/${dbName}`;
  await ensureDatabase(u.toString());
  Object.assign(process.env, { NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', DATABASE_URL: u.toString() });
  (globalThis as Record<string, unknown>).__plaidSandboxTest = { adminUrl, dbName };
}
