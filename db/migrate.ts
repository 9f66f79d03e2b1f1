/**
 * Forward-only, versioned, idempotent migrations.
 *
 * Files are `NNNN_<module>_<what>.sql` in a directory, applied in version order in one transaction
 * (all or nothing), and recorded with a checksum in a tracking table. Re-running applies nothing new;
 * an applied file whose content changed is an error (write a new migration instead).
 * A transaction-level advisory lock lets several processes (api, worker, a k8s Job) start at once.
 *
 * The runner is generic so that the local Plaid sandbox keeps its own directory and tracking
 * table and can be dropped without touching Timely's history.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';

export interface MigrationSet {
  dir: string;
  /** schema-qualified tracking table, e.g. public.schema_migrations */
  table: string;
  /** any 32-bit int, distinct per set */
  lockKey: number;
}

export const TIMELY_MIGRATIONS: MigrationSet = {
  dir: path.join(__dirname, 'migrations'),
  table: 'public.schema_migrations',
  lockKey: 0x74696d65, // "time"
};

interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string): MigrationFile[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const seen = new Set<number>();
  return files.map((file) => {
    const m = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!m) throw new Error(`migration file name must be NNNN_module_what.sql: ${file}`);
    const version = Number(m[1]);
    if (seen.has(version)) throw new Error(`two migrations share version ${version}`);
    seen.add(version);
    const sql = readFileSync(path.join(dir, file), 'utf8');
    return { version, name: m[2], sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

/** Applies what is missing; returns the names applied now. */
export async function migrate(pool: Pool, set: MigrationSet = TIMELY_MIGRATIONS): Promise<string[]> {
  const migrations = readMigrations(set.dir);
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [set.lockKey]);
    const schema = set.table.includes('.') ? set.table.split('.')[0] : undefined;
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${set.table} (
         version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
      `SELECT version, name, checksum FROM ${set.table}`,
    );
    const done = new Map(rows.map((r) => [r.version, r]));
    for (const m of migrations) {
      const prior = done.get(m.version);
      if (prior) {
        if (prior.checksum !== m.checksum)
          throw new Error(`migration ${m.version}_${m.name} changed after it was applied; add a new migration instead`);
        continue;
      }
      await client.query(m.sql);
      await client.query(`INSERT INTO ${set.table} (version, name, checksum) VALUES ($1, $2, $3)`, [m.version, m.name, m.checksum]);
      applied.push(`${String(m.version).padStart(4, '0')}_${m.name}`);
    }
    await client.query('COMMIT');
    return applied;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Creates the database named in the URL if it does not exist (dev and tests only). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!/^[a-zA-Z0-9_]+$/.test(name)) throw new Error(`unexpected database name: ${name}`);
  u.pathname = '/postgres';
  const admin = new Pool({ connectionString: u.toString(), max: 1 });
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    await admin.query(`CREATE DATABASE "${name}"`);
    return true;
  } finally {
    await admin.end();
  }
}
