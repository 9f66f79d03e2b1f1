/**
 * A database of this test file's own (created, migrated, dropped), for tests that act on "every
 * account" (the sweep) and must not see or touch the accounts of files running beside them.
 * Call before anything reads the config or opens the pool.
 */
import { Pool } from 'pg';
import { ensureDatabase, migrate } from '../../db/migrate';
import { resetConfigForTests } from '../../platform/config';

export async function useIsolatedDatabase(tag: string): Promise<{ url: string; drop(): Promise<void> }> {
  const base = new URL(process.env.DATABASE_URL!);
  // The Jest worker's id too: two files that picked the same tag never share (or drop) one database.
  const name = `${base.pathname.slice(1)}_${tag}_w${process.env.JEST_WORKER_ID ?? '0'}`.slice(0, 63);
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  await ensureDatabase(url.toString());
  const pool = new Pool({ connectionString: url.toString(), max: 1 });
  await migrate(pool).finally(() => pool.end());
  process.env.DATABASE_URL = url.toString();
  resetConfigForTests();
  return {
    url: url.toString(),
    async drop() {
      const adminUrl = new URL(base.toString());
      adminUrl.pathname = '/postgres';
      const admin = new Pool({ connectionString: adminUrl.toString(), max: 1 });
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => admin.end());
    },
  };
}
