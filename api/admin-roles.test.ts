/**
 * Roles hold at the API: every /v1/admin route, for every caller (anonymous, customer, support,
 * operator), answers exactly what the table below allows. The table is the one place a route's
 * roles are written down for tests; a new admin route without a row fails the first test.
 * Workflows started here (an evaluation, a sweep) go to a task queue no worker polls, so they
 * never touch other test files' data; the sweeps are terminated at the end.
 */
import { randomUUID } from 'node:crypto';
import { createStaff, type StaffRole } from '../activities/accounts/staff';
import { closePool, getPool } from '../db/pool';
import { resetConfigForTests } from '../platform/config';
import { closeTemporalClient, getTemporalClient } from '../platform/temporal-client';
import { call, signUpAndSignIn, startApi, TestApi } from '../test/support/api';
import { signedInStaff, STAFF_PASSWORD, uniqueStaffEmail } from '../test/support/staff';
import { registeredRoutes } from './openapi-registry';

type Caller = 'anonymous' | 'customer' | StaffRole;
const CALLERS: readonly Caller[] = ['anonymous', 'customer', 'support', 'operator'];

interface Fixtures {
  accountId: string;
  /** A fresh staff member to act on (each call gets its own, so answers do not depend on order). */
  victim(): Promise<string>;
}

interface Case {
  /** what this request is, when a route has more than one (e.g. one account vs. a sweep) */
  as?: string;
  roles: readonly StaffRole[];
  request(f: Fixtures): Promise<{ path: string; body?: unknown }> | { path: string; body?: unknown };
  /** the answer of an allowed caller: 2xx, 404 for an id that does not exist, or 409 for a state the call cannot change */
  allowed: number;
}

const ANY_STAFF: readonly StaffRole[] = ['support', 'operator'];
const OPERATOR: readonly StaffRole[] = ['operator'];
const noSuchId = () => randomUUID();

/** "METHOD /path" -> the cases that walk it. */
const MATRIX: Record<string, Case[]> = {
  'GET /v1/admin/accounts': [{ roles: ANY_STAFF, request: () => ({ path: '/v1/admin/accounts?limit=1' }), allowed: 200 }],
  'GET /v1/admin/accounts/:id': [{ roles: ANY_STAFF, request: (f) => ({ path: `/v1/admin/accounts/${f.accountId}` }), allowed: 200 }],
  'GET /v1/admin/accounts/:id/factors': [{ roles: ANY_STAFF, request: (f) => ({ path: `/v1/admin/accounts/${f.accountId}/factors` }), allowed: 200 }],
  'POST /v1/admin/accounts/:id/factors/:factorId/remove': [
    { roles: OPERATOR, request: (f) => ({ path: `/v1/admin/accounts/${f.accountId}/factors/${noSuchId()}/remove`, body: { note: 'roles walk' } }), allowed: 404 },
  ],
  'GET /v1/admin/applications': [{ roles: ANY_STAFF, request: () => ({ path: '/v1/admin/applications?limit=1' }), allowed: 200 }],
  'GET /v1/admin/transfers': [{ roles: ANY_STAFF, request: () => ({ path: '/v1/admin/transfers?limit=1' }), allowed: 200 }],
  'GET /v1/admin/transfers/queue': [{ roles: ANY_STAFF, request: () => ({ path: '/v1/admin/transfers/queue?limit=1' }), allowed: 200 }],
  'GET /v1/admin/transfers/:id': [{ roles: ANY_STAFF, request: () => ({ path: `/v1/admin/transfers/${noSuchId()}` }), allowed: 404 }],
  'POST /v1/admin/transfers/:id/retry': [{ roles: ANY_STAFF, request: () => ({ path: `/v1/admin/transfers/${noSuchId()}/retry`, body: { note: 'roles walk' } }), allowed: 404 }],
  'POST /v1/admin/transfers/:id/cancel': [{ roles: ANY_STAFF, request: () => ({ path: `/v1/admin/transfers/${noSuchId()}/cancel`, body: { note: 'roles walk' } }), allowed: 404 }],
  'POST /v1/admin/evaluations': [
    { as: 'one account', roles: ANY_STAFF, request: (f) => ({ path: '/v1/admin/evaluations', body: { accountId: f.accountId } }), allowed: 202 },
    { as: 'a sweep', roles: OPERATOR, request: () => ({ path: '/v1/admin/evaluations', body: {} }), allowed: 202 },
  ],
  'GET /v1/admin/evaluations': [{ roles: ANY_STAFF, request: () => ({ path: '/v1/admin/evaluations?limit=1' }), allowed: 200 }],
  'GET /v1/admin/dashboard': [{ roles: OPERATOR, request: () => ({ path: '/v1/admin/dashboard' }), allowed: 200 }],
  'GET /v1/admin/reconciliation': [{ roles: OPERATOR, request: () => ({ path: '/v1/admin/reconciliation' }), allowed: 200 }],
  'GET /v1/admin/repayment-debits': [{ roles: OPERATOR, request: () => ({ path: '/v1/admin/repayment-debits' }), allowed: 200 }],
  // The shared test database never reaches the return-rate threshold, so there is no pause to lift.
  'POST /v1/admin/repayment-debits/lift-pause': [
    { roles: OPERATOR, request: () => ({ path: '/v1/admin/repayment-debits/lift-pause', body: { note: 'roles walk' } }), allowed: 409 },
  ],
  'GET /v1/admin/staff': [{ roles: OPERATOR, request: () => ({ path: '/v1/admin/staff' }), allowed: 200 }],
  'POST /v1/admin/staff': [
    { roles: OPERATOR, request: () => ({ path: '/v1/admin/staff', body: { email: uniqueStaffEmail('new'), password: STAFF_PASSWORD, role: 'support' } }), allowed: 201 },
  ],
  'POST /v1/admin/staff/:id/disable': [{ roles: OPERATOR, request: async (f) => ({ path: `/v1/admin/staff/${await f.victim()}/disable` }), allowed: 200 }],
  'POST /v1/admin/staff/:id/reset-totp': [{ roles: OPERATOR, request: async (f) => ({ path: `/v1/admin/staff/${await f.victim()}/reset-totp` }), allowed: 200 }],
};

let api: TestApi;
let tokens: Record<Exclude<Caller, 'anonymous'>, string>;
let fixtures: Fixtures;
const started: string[] = [];

beforeAll(async () => {
  // Evaluations and sweeps started by this file wait on a queue nobody serves.
  process.env.TEMPORAL_TASK_QUEUE = `roles-nobody-${randomUUID()}`;
  resetConfigForTests();
  api = await startApi();
  const customer = await signUpAndSignIn(api);
  const [support, operator] = await Promise.all([signedInStaff(api, 'support'), signedInStaff(api, 'operator')]);
  tokens = { customer: customer.token, support: support.token, operator: operator.token };
  fixtures = {
    accountId: customer.accountId,
    victim: async () => (await createStaff(getPool(), { email: uniqueStaffEmail('victim'), password: STAFF_PASSWORD, role: 'support' })).id,
  };
});

afterAll(async () => {
  for (const id of started.filter((w) => w.includes('sweep')))
    await getTemporalClient().workflow.getHandle(id).terminate('test over').catch(() => undefined);
  await api.close();
  await closeTemporalClient();
  await closePool();
});

it('has a row for every admin route, and no row for a route that does not exist', () => {
  const admin = registeredRoutes()
    .filter((r) => r.path.startsWith('/v1/admin/') || r.path === '/v1/admin')
    .map((r) => `${r.method.toUpperCase()} ${r.path}`)
    .sort();
  expect(admin.length).toBeGreaterThan(10);
  expect(Object.keys(MATRIX).sort()).toEqual(admin);
});

const rows = Object.entries(MATRIX).flatMap(([route, cases]) => cases.map((c) => [`${route}${c.as ? ` (${c.as})` : ''}`, route, c] as const));

describe.each(rows)('%s', (_name, route, c) => {
  const method = route.split(' ')[0];

  it.each(CALLERS)('as %s', async (caller) => {
    const { path, body } = await c.request(fixtures);
    const r = await call(api, method, path, { token: caller === 'anonymous' ? undefined : tokens[caller], body: body ?? (method === 'POST' ? {} : undefined) });
    const expected = caller === 'anonymous' ? 401 : caller === 'customer' ? 403 : c.roles.includes(caller) ? c.allowed : 403;
    expect(`${caller} ${r.status}`).toBe(`${caller} ${expected}`);
    if (expected === 401 || expected === 403) {
      expect(r.contentType).toContain('application/problem+json');
      expect(r.body).toMatchObject({ status: expected, type: expect.stringMatching(/\/(unauthorized|forbidden)$/) });
    }
    if (r.status === 202 && typeof r.body.workflowId === 'string') started.push(r.body.workflowId);
  });
});

it('tells support that a sweep needs the operator role; support cannot create staff either', async () => {
  const r = await call(api, 'POST', '/v1/admin/evaluations', { token: tokens.support, body: {} });
  expect(r.status).toBe(403);
  expect(r.contentType).toContain('application/problem+json');
  expect(r.body.detail).toMatch(/sweep.*operator role/i);
  // Bad callers change nothing: the member support tried to create does not exist.
  const email = uniqueStaffEmail('refused');
  const create = await call(api, 'POST', '/v1/admin/staff', { token: tokens.support, body: { email, password: STAFF_PASSWORD, role: 'operator' } });
  expect(create.status).toBe(403);
  expect(create.body.detail).toMatch(/operator/);
  expect((await getPool().query('SELECT 1 FROM accounts.staff WHERE email = $1', [email])).rowCount).toBe(0);
});
