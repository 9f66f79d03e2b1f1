/** Health, readiness (against the real Temporal and PostgreSQL), OpenAPI and docs. */
import { closePool } from '../db/pool';
import { closeTemporalClient } from '../platform/temporal-client';
import { call, startApi, TestApi } from '../test/support/api';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
  await closePool();
  await closeTemporalClient();
});

it('/healthz answers while the process is up', async () => {
  expect((await call(api, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
});

it('/readyz checks Temporal and PostgreSQL for real', async () => {
  const r = await call(api, 'GET', '/readyz');
  expect(r.status).toBe(200);
  expect(r.body).toEqual({ status: 'ready', checks: { postgres: { ok: true }, temporal: { ok: true } } });
});

it('/openapi.json documents every route with the schemas that validate it', async () => {
  const r = await call(api, 'GET', '/openapi.json');
  expect(r.status).toBe(200);
  expect(r.body.openapi).toBe('3.0.3');
  const signUp = r.body.paths['/v1/accounts'].post;
  const schema = signUp.requestBody.content['application/json'].schema;
  expect(schema.required).toEqual(expect.arrayContaining(['email', 'firstName', 'lastName', 'phone']));
  expect(schema.additionalProperties).toBe(false);
  expect(r.body.paths['/v1/admin/accounts/{id}'].get.parameters[0]).toMatchObject({ name: 'id', in: 'path', required: true });
  expect(r.body.paths['/v1/admin/accounts'].get.security).toEqual([{ bearer: [] }, { staffCookie: [] }]);
});

it('/docs serves a page and its assets', async () => {
  const page = await call(api, 'GET', '/docs');
  expect(page.status).toBe(200);
  expect(page.body).toContain('swagger-ui-bundle.js');
  const asset = await fetch(`${api.url}/docs/assets/swagger-ui-bundle.js`);
  expect(asset.status).toBe(200);
});

it('unknown routes answer a problem+json 404', async () => {
  const r = await call(api, 'GET', '/v1/nothing-here');
  expect(r.status).toBe(404);
  expect(r.contentType).toContain('application/problem+json');
});
