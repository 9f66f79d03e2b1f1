/** The migration runner: forward-only, idempotent, refuses edited history, safe when run concurrently. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { migrate, readMigrations, TIMELY_MIGRATIONS } from './migrate';

let pool: Pool;
beforeAll(() => {
  pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
});
afterAll(() => pool.end());

it("Timely's migrations are already applied by the test setup: a second run applies nothing", async () => {
  expect(await migrate(pool)).toEqual([]);
  const { rows } = await pool.query('SELECT count(*)::int AS n FROM public.schema_migrations');
  expect(rows[0].n).toBe(readMigrations(TIMELY_MIGRATIONS.dir).length);
});

it('applies a new set once even when two processes race, and refuses an edited migration', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mig-'));
  const schema = `mig_test_${process.pid}_${Date.now()}`;
  writeFileSync(path.join(dir, '0001_demo_init.sql'), `CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.t (id int);`);
  writeFileSync(path.join(dir, '0002_demo_row.sql'), `INSERT INTO ${schema}.t VALUES (1);`);
  const set = { dir, table: `${schema}_track.migrations`, lockKey: 4242 };
  const [a, b] = await Promise.all([migrate(pool, set), migrate(pool, set)]);
  expect([...a, ...b].sort()).toEqual(['0001_demo_init', '0002_demo_row']);
  expect((await pool.query(`SELECT count(*)::int AS n FROM ${schema}.t`)).rows[0].n).toBe(1);

  writeFileSync(path.join(dir, '0002_demo_row.sql'), `INSERT INTO ${schema}.t VALUES (2);`);
  await expect(migrate(pool, set)).rejects.toThrow(/changed after it was applied/);
});

it('rolls back everything when a migration fails', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mig-'));
  const schema = `mig_fail_${process.pid}_${Date.now()}`;
  writeFileSync(path.join(dir, '0001_demo_ok.sql'), `CREATE SCHEMA ${schema};`);
  writeFileSync(path.join(dir, '0002_demo_bad.sql'), `CREATE TABLE ${schema}.t (id nonexistent_type);`);
  await expect(migrate(pool, { dir, table: `${schema}_track.migrations`, lockKey: 4243 })).rejects.toThrow();
  const { rowCount } = await pool.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [schema]);
  expect(rowCount).toBe(0);
});
