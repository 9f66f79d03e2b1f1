/**
 * The worker's and the API's pool keep their connections while idle (keepIdleConnections), so an
 * hourly sweep finds them open, with their catalogs cached and statements planned; scripts and
 * tests keep pg's default and close idle connections, so they still exit.
 */
import { Pool } from 'pg';
import { poolOptions } from './pool';

const cfg = { DATABASE_URL: process.env.DATABASE_URL!, DATABASE_POOL_MAX: 3 };

/**
 * Opens a pool's every connection, returns them, waits past its (shortened) idle timeout, and
 * counts the connections left: the pool's and PostgreSQL's.
 */
async function leftAfterIdle(keep: boolean): Promise<{ pool: number; backends: number }> {
  const name = `pool-test-${keep ? 'keep' : 'default'}`;
  const pool = new Pool({ ...poolOptions(cfg, keep), idleTimeoutMillis: 100, application_name: name });
  try {
    const clients = await Promise.all(Array.from({ length: 3 }, () => pool.connect()));
    for (const c of clients) c.release();
    await new Promise((r) => setTimeout(r, 400));
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`, [name]);
    // The count's own query used a connection: a pool that closed its idle ones opened it afresh.
    return { pool: pool.totalCount, backends: rows[0].n };
  } finally {
    await pool.end();
  }
}

it('a long-running process keeps its idle connections open', async () => {
  expect(await leftAfterIdle(true)).toEqual({ pool: 3, backends: 3 });
});

it('a script or test closes them after the idle timeout', async () => {
  expect(await leftAfterIdle(false)).toEqual({ pool: 1, backends: 1 });
});
