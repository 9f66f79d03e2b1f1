/** Stops the Temporal dev server and drops the per-run database created in global-setup. */
import { Pool } from 'pg';
import type { DevServer } from '../scripts/temporal-dev-server';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__timelyTest as
    | { server: DevServer; adminUrl: string; dbName: string }
    | undefined;
  if (!state) return;
  await state.server.stop();
  const admin = new Pool({ connectionString: state.adminUrl, max: 1 });
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${state.dbName}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
