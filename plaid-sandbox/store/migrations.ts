/** The sandbox's own migration set, applied by Timely's generic runner (db/migrate.ts). */
import path from 'node:path';
import type { Pool } from 'pg';
import { migrate, type MigrationSet } from '../../db/migrate';

export const PLAID_SANDBOX_MIGRATIONS: MigrationSet = {
  dir: path.join(__dirname, '..', 'migrations'),
  table: 'plaid_sandbox.schema_migrations',
  lockKey: 0x706c6164, // "plad"
};

export function migratePlaidSandbox(pool: Pool): Promise<string[]> {
  return migrate(pool, PLAID_SANDBOX_MIGRATIONS);
}
