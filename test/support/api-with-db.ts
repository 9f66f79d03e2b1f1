/**
 * The API on the shared test database, plus a small pool of the test's own to read rows with:
 * started before a file's tests, closed after them. Returns a getter: both exist from beforeAll on.
 */
import { Pool } from 'pg';
import { closePool } from '../../db/pool';
import { startApi, type TestApi } from './api';

export function useApiWithDb(): () => { api: TestApi; db: Pool } {
  let api: TestApi | undefined;
  let db: Pool | undefined;
  beforeAll(async () => {
    api = await startApi();
    db = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  });
  afterAll(async () => {
    await api?.close();
    await db?.end();
    await closePool();
  });
  return () => ({ api: api!, db: db! });
}
