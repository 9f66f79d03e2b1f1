/**
 * Test harness: a sandbox in-process on port 0 over the test database (DATABASE_URL, set by
 * Jest's globalSetup), the REAL plaid client pointed at it, and a webhook receiver.
 */
import { Configuration, PlaidApi, PlaidEnvironments, Products } from 'plaid';
import { Pool } from 'pg';
import { ManualClock, type SandboxClock } from '../clock';
import { createPlaidSandbox, type PlaidSandbox, type PlaidSandboxOptions } from '../sandbox';

export const TEST_CREDENTIALS = { clientId: 'timely-test-client', secret: 'timely-test-secret' };

export interface TestSandbox {
  sandbox: PlaidSandbox;
  pool: Pool;
  clock: SandboxClock;
  url: string;
  /** The official client, credentials in headers (as Timely's bank module sends them). */
  plaid: PlaidApi;
  /** A client with other headers (e.g. none, or wrong keys). */
  clientWith(headers: Record<string, string>): PlaidApi;
  /** Calls a control under /__sandbox. */
  control<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

/**
 * A test pool's idle-client errors. pg's `Pool.end()` resolves as soon as it has told its idle
 * clients to close, before their sockets are gone; a test that then drops its database
 * (`DROP DATABASE ... WITH (FORCE)`) terminates them, and an 'error' event on a pool with no
 * listener would crash the whole test file after its tests passed.
 */
export function ignoreIdleClientError(): void {}

export async function startTestSandbox(opts: Partial<PlaidSandboxOptions> = {}): Promise<TestSandbox> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 5 });
  pool.on('error', ignoreIdleClientError);
  const clock = opts.clock ?? new ManualClock();
  const sandbox = createPlaidSandbox({ pool, clock, credentials: TEST_CREDENTIALS, ...opts });
  const { url } = await sandbox.start();
  const clientWith = (headers: Record<string, string>) => new PlaidApi(new Configuration({ basePath: url, baseOptions: { headers } }));
  return {
    sandbox,
    pool,
    clock,
    url,
    plaid: clientWith({ 'PLAID-CLIENT-ID': TEST_CREDENTIALS.clientId, 'PLAID-SECRET': TEST_CREDENTIALS.secret }),
    clientWith,
    async control<T>(path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${url}/__sandbox${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const json = await res.json();
      if (!res.ok) throw new Error(`control ${path} failed: ${res.status} ${JSON.stringify(json)}`);
      return json as T;
    },
    async close() {
      await sandbox.stop();
      await pool.end();
    },
  };
}

/** Creates an Item for a sandbox user and exchanges its public token, as Timely would. */
export async function linkItem(
  t: TestSandbox,
  opts: { username?: string; password?: string; webhook?: string; products?: Products[] } = {},
): Promise<{ accessToken: string; itemId: string }> {
  const { data: pub } = await t.plaid.sandboxPublicTokenCreate({
    institution_id: 'ins_109508',
    initial_products: opts.products ?? [Products.Transactions, Products.Auth],
    options: { override_username: opts.username ?? 'user_good', override_password: opts.password ?? 'pass_good', ...(opts.webhook ? { webhook: opts.webhook } : {}) },
  });
  const { data } = await t.plaid.itemPublicTokenExchange({ public_token: pub.public_token });
  return { accessToken: data.access_token, itemId: data.item_id };
}

/** The error body of a failed plaid client call (the client throws an axios error on non-2xx). */
export async function plaidFailure(call: Promise<unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  try {
    await call;
  } catch (err) {
    const e = err as { response?: { status: number; data: Record<string, unknown> } };
    if (e.response) return { status: e.response.status, body: e.response.data };
    throw err;
  }
  throw new Error('expected the Plaid call to fail, it succeeded');
}

export { PlaidEnvironments };
