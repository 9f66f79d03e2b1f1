/**
 * /openapi.json is what the web client is generated from (openapi-typescript), so every route must
 * document the shape of what it answers, and that shape must be what it really answers. The walk
 * below covers every registered route; the end-to-end part holds real replies of the staff and
 * application routes to their schemas (the bank, sign-in and transfer tests do the same for theirs).
 */
import { call, signUpAndSignIn, TestApi } from '../test/support/api';
import { expectDocumented } from '../test/support/contract';
import { signedInStaff } from '../test/support/staff';
import { startSystem, TestSystem } from '../test/support/system';
import { eventually } from '../test/support/wait';
import { registeredRoutes } from './openapi-registry';

let sys: TestSystem;
let api: TestApi;
beforeAll(async () => {
  sys = await startSystem();
  api = sys.api;
});
afterAll(() => sys.close());

it('documents a response schema for every 2xx answer with a body, on every registered route', async () => {
  const routes = registeredRoutes();
  expect(routes.length).toBeGreaterThan(20);
  const undocumented = routes.flatMap((r) =>
    Object.entries(r.responses)
      .filter(([status, resp]) => /^2\d\d$/.test(status) && status !== '204' && !resp.schema)
      .map(([status]) => `${r.method.toUpperCase()} ${r.path} ${status}`),
  );
  expect(undocumented).toEqual([]);
  // Every route answers some 2xx.
  expect(routes.filter((r) => !Object.keys(r.responses).some((s) => /^2\d\d$/.test(s))).map((r) => r.path)).toEqual([]);

  // And the published document carries them.
  const doc = (await call(api, 'GET', '/openapi.json')).body;
  for (const r of routes) {
    const op = doc.paths[r.path.replace(/:([A-Za-z_]+)/g, '{$1}')][r.method];
    for (const [status, resp] of Object.entries(r.responses))
      if (resp.schema) expect(`${r.method} ${r.path} ${status}: ${Boolean(op.responses[status].content?.['application/json']?.schema)}`).toBe(`${r.method} ${r.path} ${status}: true`);
  }
  expect(doc.paths['/v1/me'].patch.summary).toMatch(/threshold/);
  // Customers may use the browser's session cookie as well as a bearer token.
  expect(doc.components.securitySchemes.cookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'timely_session' });
  expect(doc.paths['/v1/me'].get.security).toEqual([{ bearer: [] }, { cookie: [] }]);
  // Staff: a bearer token, or in the console the staff cookie (never the customer's).
  expect(doc.components.securitySchemes.staffCookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'timely_staff_session' });
  expect(doc.paths['/v1/admin/accounts'].get.security).toEqual([{ bearer: [] }, { staffCookie: [] }]);
});

it('answers the shapes it documents: applications (also a repeated Idempotency-Key after the decision), staff lists, advances', async () => {
  const c = await signUpAndSignIn(api);
  const pub = await call(api, 'POST', '/v1/bank/sandbox/public-token', { token: c.token, body: { username: 'user_steady_biweekly' } });
  expect((await call(api, 'POST', '/v1/bank/link', { token: c.token, body: { publicToken: pub.body.publicToken } })).status).toBe(201);

  const key = `contract-${Date.now()}`;
  const started = await call(api, 'POST', '/v1/applications', { token: c.token, headers: { 'Idempotency-Key': key } });
  expect(started.status).toBe(202);
  expectDocumented('POST', '/v1/applications', started);
  const done = await eventually('the application to be decided', async () => {
    const r = await call(api, 'GET', `/v1/applications/${started.body.id}`, { token: c.token });
    return r.body.status !== 'running' ? r : undefined;
  });
  expectDocumented('GET', `/v1/applications/${started.body.id}`, done);
  const again = await call(api, 'POST', '/v1/applications', { token: c.token, headers: { 'Idempotency-Key': key } });
  expect(again.status).toBe(202);
  expect(again.body).toEqual({ id: started.body.id, workflowId: started.body.workflowId, status: done.body.status });
  expectDocumented('POST', '/v1/applications', again);
  expectDocumented('GET', '/v1/applications', await call(api, 'GET', '/v1/applications', { token: c.token }));

  const staff = await signedInStaff(api, 'operator');
  const apps = await call(api, 'GET', `/v1/admin/applications?accountId=${c.accountId}`, { token: staff.token });
  expect(apps.body.items).toHaveLength(1);
  expectDocumented('GET', '/v1/admin/applications', apps);
  const account = await call(api, 'GET', `/v1/admin/accounts/${c.accountId}`, { token: staff.token });
  expect(account.body.applications).toHaveLength(1);
  expect(account.body.events.length).toBeGreaterThan(0);
  expectDocumented('GET', `/v1/admin/accounts/${c.accountId}`, account);
  expectDocumented('GET', '/v1/admin/accounts', await call(api, 'GET', '/v1/admin/accounts?limit=5', { token: staff.token }));

  const evaluate = await call(api, 'POST', '/v1/admin/evaluations', { token: staff.token, body: { accountId: c.accountId } });
  expect(evaluate.status).toBe(202);
  expectDocumented('POST', '/v1/admin/evaluations', evaluate);
  const evaluations = await eventually('the evaluation to be recorded', async () => {
    const r = await call(api, 'GET', `/v1/admin/evaluations?accountId=${c.accountId}`, { token: staff.token });
    return r.body.items?.length > 0 ? r : undefined;
  });
  expectDocumented('GET', '/v1/admin/evaluations', evaluations);

  expectDocumented('GET', '/v1/advances', await call(api, 'GET', '/v1/advances', { token: c.token }));
  expectDocumented('GET', '/v1/me', await call(api, 'GET', '/v1/me', { token: c.token }));
  expectDocumented('GET', '/v1/bank', await call(api, 'GET', '/v1/bank', { token: c.token }));
  expectDocumented('GET', '/v1/bank/balance-history', await call(api, 'GET', '/v1/bank/balance-history?days=14', { token: c.token }));
});
