/** Small persistent settings of the sandbox (clock offset, transfer webhook URL). */
import type { Db } from './db';

export async function getSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const { rows } = await db.query<{ value: T }>('SELECT value FROM plaid_sandbox.settings WHERE key = $1', [key]);
  return rows[0]?.value;
}

export async function putSetting(db: Db, key: string, value: unknown): Promise<void> {
  await db.query(
    `INSERT INTO plaid_sandbox.settings (key, value, updated_at) VALUES ($1, $2, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [key, JSON.stringify(value)],
  );
}
