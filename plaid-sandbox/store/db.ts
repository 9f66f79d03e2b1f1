/** Database plumbing shared by the sandbox's stores. */
import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '../../db/pool';

/** Anything that can run a query: the pool, or a client inside a transaction. */
export type Db = Pool | PoolClient;

export function inTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  return withTransaction(fn, pool);
}

/** Splits rows for multi-row inserts, keeping each statement's parameters bounded. */
export function* chunks<T>(rows: T[], size: number): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
