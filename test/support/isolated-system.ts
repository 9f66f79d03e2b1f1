/**
 * A test file's own database and whole system (sandbox, worker, API), for files whose checks read
 * every row of a kind (Plaid's /transfer/list, return rates) and so must not see other files' rows.
 * After every test the ledger must sum to zero. Returns a getter: the system exists from beforeAll on.
 */
import { useIsolatedDatabase } from './isolated-db';
import { startSystem, TestSystem } from './system';
import { ledgerChecks } from './transfers';

export function useIsolatedSystem(name: string, env: Record<string, string>): () => TestSystem {
  let sys: TestSystem | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ drop } = await useIsolatedDatabase(name));
    sys = await startSystem({ env });
  });
  afterEach(async () => {
    expect(await ledgerChecks(sys!.db)).toEqual({ total: 0, unbalanced: 0 });
  });
  afterAll(async () => {
    await sys?.close();
    await drop?.();
  });
  return () => sys!;
}
