/**
 * One pg Pool per process. Money columns are BIGINT: pg returns them as strings by default,
 * which keeps them exact; the modules convert them with domain/money.ts where needed.
 */
import { Pool, PoolClient, type PoolConfig } from 'pg';
import { config, type Config } from '../platform/config';
import { logger } from '../platform/logger';
import { pgErrorSummary } from './pg-error';

let pool: Pool | undefined;
let keepIdle = false;

/**
 * For the long-running processes (the worker, the API): connections once opened stay open while
 * idle, up to DATABASE_POOL_MAX, as a fixed-size pool does. By default pg closes a connection
 * idle for 10 s, so every hourly sweep opened its connections afresh, and each new backend loaded
 * its catalog entries and planned the sweep's named statements again: PostgreSQL's CPU in a sweep
 * of 2,000 accounts after 12 s idle fell from 2.8-3.0 s to 2.2 s (bench/RESULTS.md, eighth
 * session). TCP keepalive keeps an idle connection known to whatever sits between (a NAT, a load
 * balancer); one that dies anyway is dropped by the pool ('error' below) and opened again when
 * needed.
 * Scripts and tests keep pg's default, so a process that forgets `closePool()` still exits.
 */
export function keepIdleConnections(): void {
  keepIdle = true;
  if (pool) pool.options.min = pool.options.max;
}

/** The process pool's settings; `keepIdle`: see keepIdleConnections. */
export function poolOptions(cfg: Pick<Config, 'DATABASE_URL' | 'DATABASE_POOL_MAX'>, keep: boolean): PoolConfig {
  return { connectionString: cfg.DATABASE_URL, max: cfg.DATABASE_POOL_MAX, min: keep ? cfg.DATABASE_POOL_MAX : 0, keepAlive: true };
}

export function getPool(): Pool {
  if (!pool) {
    pool = new Pool(poolOptions(config(), keepIdle));
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

/**
 * Runs fn in a transaction; rolls back on any error. `begin` may add settings local to the
 * transaction (`BEGIN; SET LOCAL ...`): one simple query, one round trip.
 */
export async function withTransaction<T>(fn: (client: PoolClient) => Promise<T>, p: Pool = getPool(), begin = 'BEGIN'): Promise<T> {
  const client = await p.connect();
  try {
    await client.query(begin);
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
