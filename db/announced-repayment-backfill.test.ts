/**
 * Migration 0021 backfills each advance's announced repayment from the notices sent before it:
 * the latest notice per advance (by when it was sent), in a database migrated up to 0020 first.
 */
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { ensureDatabase, migrate, TIMELY_MIGRATIONS } from './migrate';

const base = new URL(process.env.DATABASE_URL!);
const name = `${base.pathname.slice(1)}_backfill_w${process.env.JEST_WORKER_ID ?? '0'}`.slice(0, 63);
const url = new URL(base.toString());
url.pathname = `/${name}`;
let pool: Pool;

async function dropDatabase(): Promise<void> {
  const admin = new Pool({ connectionString: Object.assign(new URL(base.toString()), { pathname: '/postgres' }).toString(), max: 1 });
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => admin.end());
}

beforeAll(async () => {
  await dropDatabase(); // a fresh one: this test migrates it in two steps
  await ensureDatabase(url.toString());
  pool = new Pool({ connectionString: url.toString(), max: 2 });
});
afterAll(async () => {
  await pool.end();
  await dropDatabase();
});

it("sets each advance's announced repayment to its latest notice, and leaves advances never told alone", async () => {
  // The migrations before 0021, as a database deployed before it has them.
  const before = mkdtempSync(path.join(os.tmpdir(), 'mig-0020-'));
  for (const f of readdirSync(TIMELY_MIGRATIONS.dir).filter((f) => f.endsWith('.sql') && f < '0021')) copyFileSync(path.join(TIMELY_MIGRATIONS.dir, f), path.join(before, f));
  await migrate(pool, { ...TIMELY_MIGRATIONS, dir: before });

  const account = randomUUID();
  const [told, untold] = [randomUUID(), randomUUID()];
  await pool.query(`INSERT INTO transfers.advances (id, account_id, principal_cents, status) VALUES ($1, $3, 3000, 'outstanding'), ($2, $3, 2000, 'repaid')`, [told, untold, account]);
  await pool.query(
    `INSERT INTO evaluate.repayment_notices (id, account_id, advance_id, amount_cents, pull_on, sent_on, notified_at) VALUES
       (gen_random_uuid(), $1, $2, 3000, '2026-12-04', '2026-12-01', '2026-12-01T10:00:00Z'),
       (gen_random_uuid(), $1, $2, 3000, '2026-12-18', '2026-12-15', '2026-12-15T10:00:00Z')`,
    [account, told],
  );

  // 0021 first, then whatever came after it.
  expect((await migrate(pool))[0]).toBe('0021_transfers_announced_repayment');
  const { rows } = await pool.query(
    `SELECT id, announced_repayment_cents, to_char(announced_repayment_on, 'YYYY-MM-DD') AS on, to_char(repayment_announced_on, 'YYYY-MM-DD') AS sent_on
       FROM transfers.advances ORDER BY principal_cents DESC`,
  );
  expect(rows).toEqual([
    { id: told, announced_repayment_cents: '3000', on: '2026-12-18', sent_on: '2026-12-15' },
    { id: untold, announced_repayment_cents: null, on: null, sent_on: null },
  ]);
});
