/**
 * Issue 12's property test: generated bad requests over every registered operation, for every
 * kind of caller (test/support/bad-requests.ts builds them, invalid by construction). Whatever
 * they hold, the API must answer each one with a 4xx problem+json, never a 5xx, and write nothing
 * in any schema. Counted in this file's own database, so files running beside it cannot move the
 * counts; the seed is fixed (FUZZ_SEED overrides it) and printed on failure by fast-check.
 */
import fc from 'fast-check';
import http from 'node:http';
import { Pool } from 'pg';
import { registeredRoutes } from './openapi-registry';
import { closePool } from '../db/pool';
import { resetConfigForTests } from '../platform/config';
import { closeTemporalClient } from '../platform/temporal-client';
import type { TestSandbox } from '../plaid-sandbox/test/harness';
import { signUpAndSignIn, startApi, TestApi } from '../test/support/api';
import { badRequest, Callers, describeRequest } from '../test/support/bad-requests';
import { useIsolatedDatabase } from '../test/support/isolated-db';
import { startSandboxForTimely } from '../test/support/plaid';
import { sendRaw } from '../test/support/raw-http';
import { countChanges, rowCounter, RowCounts } from '../test/support/row-counts';
import { signedInStaff } from '../test/support/staff';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);

let isolated: Awaited<ReturnType<typeof useIsolatedDatabase>>;
let sandbox: TestSandbox;
let api: TestApi;
let db: Pool;
let callers: Callers;
let counts: () => Promise<RowCounts>;
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

beforeAll(async () => {
  isolated = await useIsolatedDatabase('fuzz');
  // Nothing here should reach Temporal; if something did, it lands on a queue no worker serves.
  process.env.TEMPORAL_TASK_QUEUE = `fuzz-${process.pid}`;
  resetConfigForTests();
  sandbox = await startSandboxForTimely();
  api = await startApi();
  db = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  const customer = await signUpAndSignIn(api);
  const support = await signedInStaff(api, 'support');
  const operator = await signedInStaff(api, 'operator');
  callers = { origin: api.url, customerToken: customer.token, supportToken: support.token, operatorToken: operator.token };
  counts = await rowCounter(db);
});
afterAll(async () => {
  agent.destroy();
  await api.close();
  await sandbox.close();
  await db.end();
  await closeTemporalClient();
  await closePool();
  await isolated.drop();
});

test('no generated bad request gets a 5xx, a non-problem answer, or writes a row', async () => {
  const routes = registeredRoutes();
  expect(routes.length).toBeGreaterThan(30);
  const seen = new Set<string>();
  await fc.assert(
    fc.asyncProperty(badRequest(routes, callers), async (req) => {
      seen.add(`${req.operation} ${req.caller}`);
      const before = await counts();
      const reply = await sendRaw(api.url, req, agent);
      const written = countChanges(before, await counts());
      const where = `${describeRequest(req)} -> ${reply.status} ${reply.contentType} ${reply.body.slice(0, 300)}`;
      if (reply.status >= 500) throw new Error(`5xx: ${where}`);
      // Every request is invalid by construction, so every answer is a refusal: a 2xx is a finding.
      if (reply.status < 400) throw new Error(`accepted: ${where}`);
      if (!reply.contentType.startsWith('application/problem+json')) throw new Error(`not problem+json: ${where}`);
      if (Object.keys(written).length) throw new Error(`rows written ${JSON.stringify(written)}: ${where}`);
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
  // Coverage, not luck: most operation x caller pairs were tried.
  expect(seen.size).toBeGreaterThan(routes.length * 3);
}, 120_000);
