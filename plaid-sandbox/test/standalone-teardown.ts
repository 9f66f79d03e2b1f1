/** Drops the database created by standalone-setup.ts. */
import { Pool } from 'pg';

export default async function standaloneTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__plaidSandboxTest as { adminUrl: string; dbName: string } | undefined;
  if (!state) return;
  const admin = new Pool({ connectionString: state.adminUrl, max: 1 });
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${state.dbName}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
