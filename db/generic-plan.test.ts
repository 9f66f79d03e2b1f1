/**
 * queryWithGenericPlan runs its statement with the generic plan from the first execution on a
 * connection (PostgreSQL would otherwise make five custom plans first), and leaves the
 * connection's own planning mode as it was.
 */
import { Pool } from 'pg';
import { queryWithGenericPlan } from './generic-plan';

let pool: Pool;
beforeAll(() => {
  // One connection, so the prepared statement's counters below are the ones it used.
  pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
});
afterAll(() => pool.end());

it('plans a named statement once, generically, and restores the planning mode', async () => {
  const query = { name: 'generic-plan-test', text: 'SELECT id FROM accounts.accounts WHERE id = ANY($1::uuid[])', values: [['00000000-0000-4000-8000-000000000000']] };
  for (let i = 0; i < 3; i++) expect((await queryWithGenericPlan(pool, query)).rows).toEqual([]);
  const { rows } = await pool.query(`SELECT generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE name = 'generic-plan-test'`);
  expect(rows).toEqual([{ generic_plans: 3, custom_plans: 0 }]);
  expect((await pool.query('SHOW plan_cache_mode')).rows[0].plan_cache_mode).toBe('auto');
});
