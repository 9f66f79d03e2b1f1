/**
 * One pg Pool per process. Money columns are BIGINT: pg returns them as strings by default,
 * which keeps them exact; the modules convert them with domain/money.ts where needed.
 */
import { Pool, PoolClient } from 'pg';
import { config } from '../platform/config';
import { logger } from '../platform/logger';
import { pgErrorSummary } from './pg-error';

let pool: Pool | undefined;

export function getPool(): Pool {
  if (!pool) {
    const cfg = config();
    pool = new Pool({ connectionString: cfg.DATABASE_URL, max: cfg.DATABASE_POOL_MAX });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    // The summary, not the error: pg-pool hangs the whole Client on it (about 5 kB a line).
    pool.on('error', (err) => logger.warn({ err: pgErrorSummary(err) }, 'idle PostgreSQL client error'));
  }
  return pool;
}

export async function closePool(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.end();
}

/** Runs fn in a transaction; rolls back on any error. */
export async function withTransaction<T>(fn: (client: PoolClient) => Promise<T>, p: Pool = getPool()): Promise<T> {
  const client = await p.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** True when the error is a unique-constraint violation (optionally on a given constraint). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
