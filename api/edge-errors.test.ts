/**
 * Bad input is a 4xx problem naming what was wrong, never a 500, and changes nothing (issue 12,
 * point 3): bad percent-encoding in a path, NUL bytes and lone surrogates in any body, query or
 * path value, cursors with bad contents, Content-Encodings we cannot decode, and sandbox users or
 * institutions Plaid does not know. Rows are counted in this file's own database.
 */
import zlib from 'node:zlib';
import express from 'express';
import { Pool } from 'pg';
import { tapLogs } from '../platform/logger';
import { call, Reply, TestApi, uniqueCustomer } from '../test/support/api';
import { startIsolatedApi, type IsolatedApi } from '../test/support/isolated-api';
import type { RowCounts } from '../test/support/row-counts';
import { problemHandler } from './problem';

let api: TestApi;
let db: Pool;
let staff: string;
let customer: { accountId: string; token: string };
/** Row counts of every module's tables: what "nothing written" means (test/support/row-counts.ts). */
let rowCounts: () => Promise<RowCounts>;

let env: IsolatedApi;
beforeAll(async () => {
  env = await startIsolatedApi('edge_errors');
  ({ api, db, staff, customer, rowCounts } = env);
});
afterAll(() => env.close());


function expectProblem(r: Reply, status: number, field: string): void {
  expect({ status: r.status, contentType: r.contentType }).toEqual({ status, contentType: expect.stringContaining('application/problem+json') });
  expect(r.body.status).toBe(status);
  expect(r.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
}

const json = (token: string, body: string, extra: Record<string, string> = {}) => ({ headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...extra }, rawBody: body });

it('bad percent-encoding in a path: 400, even unauthenticated', async () => {
  for (const bad of ['%', '%E0%A4%A', '%zz']) {
    expectProblem(await call(api, 'GET', `/v1/admin/accounts/${bad}`), 400, 'path');
    expectProblem(await call(api, 'GET', `/v1/admin/accounts/${bad}`, { token: staff }), 400, 'path');
    expectProblem(await call(api, 'GET', `/v1/admin/transfers/${bad}`, { token: staff }), 400, 'path');
  }
});

it('a NUL byte in a body, query or path value: 400 naming the field, nothing written', async () => {
  const before = await rowCounts();
  const me = await db.query('SELECT * FROM accounts.accounts WHERE id = $1', [customer.accountId]);
  expectProblem(await call(api, 'POST', '/v1/accounts', { body: { ...uniqueCustomer(), firstName: 'a\u0000b' } }), 400, 'firstName');
  expectProblem(await call(api, 'PATCH', '/v1/me', { token: customer.token, body: { firstName: 'a\u0000b' } }), 400, 'firstName');
  expectProblem(await call(api, 'PATCH', '/v1/me', { token: customer.token, body: { lastName: '\u0000' } }), 400, 'lastName');
  expectProblem(await call(api, 'GET', '/v1/admin/accounts?q=%00', { token: staff }), 400, 'query.q');
  expectProblem(await call(api, 'GET', '/v1/admin/transfers?status=%00', { token: staff }), 400, 'query.status');
  expectProblem(await call(api, 'GET', '/v1/admin/accounts/%00', { token: staff }), 400, 'params.id');
  expect(await rowCounts()).toEqual(before);
  expect((await db.query('SELECT * FROM accounts.accounts WHERE id = $1', [customer.accountId])).rows).toEqual(me.rows);
});

it('a lone surrogate: 400 naming the field, nothing written', async () => {
  const before = await rowCounts();
  // Raw JSON text: the escape is valid JSON, the string it makes is not valid Unicode.
  expectProblem(await call(api, 'PATCH', '/v1/me', json(customer.token, '{"firstName":"\\ud800x"}')), 400, 'firstName');
  expectProblem(await call(api, 'PATCH', '/v1/me', json(customer.token, '{"lastName":"x\\udc00"}')), 400, 'lastName');
  expectProblem(await call(api, 'POST', '/v1/accounts', json(customer.token, JSON.stringify({ ...uniqueCustomer(), lastName: 'LONE' }).replace('LONE', '\\udbff'))), 400, 'lastName');
  expect(await rowCounts()).toEqual(before);
});

it('a well-formed cursor with bad contents: 400 query.cursor on every cursor-paged list', async () => {
  const cursors = [
    { t: 'garbage', id: '00000000-0000-0000-0000-000000000000', e: 0 },
    { t: '2024-13-01 00:00:00+00', id: '00000000-0000-0000-0000-000000000000', e: 0 },
    { t: '2024-02-30 00:00:00+00', id: '00000000-0000-0000-0000-000000000000', e: 1 },
    { t: '1', id: '00000000-0000-0000-0000-000000000000', e: 1 },
    { t: '2024-01-01 00:00:00+00', id: '------------------------------------', e: 0 },
    [],
    null,
  ].map((c) => Buffer.from(JSON.stringify(c)).toString('base64url'));
  for (const path of ['/v1/admin/accounts', '/v1/admin/transfers/queue'])
    for (const cursor of [...cursors, 'not-base64-json']) expectProblem(await call(api, 'GET', `${path}?cursor=${cursor}`, { token: staff }), 400, 'query.cursor');
  // A cursor the API gave out still works.
  const good = Buffer.from(JSON.stringify({ t: '2999-01-01 00:00:00.123456+00', id: '00000000-0000-0000-0000-000000000000', e: 0 })).toString('base64url');
  expect((await call(api, 'GET', `/v1/admin/accounts?cursor=${good}`, { token: staff })).status).toBe(200);
  expect((await call(api, 'GET', `/v1/admin/transfers/queue?cursor=${good}`, { token: staff })).status).toBe(200);
});

it('a Content-Encoding we do not support is 415; a body that does not decode is 400; nothing written', async () => {
  const before = await rowCounts();
  const patch = (encoding: string, body: Buffer) =>
    fetch(`${api.url}/v1/me`, { method: 'PATCH', headers: { authorization: `Bearer ${customer.token}`, 'content-type': 'application/json', 'content-encoding': encoding }, body }).then(async (r) => ({
      status: r.status,
      contentType: r.headers.get('content-type') ?? '',
      body: await r.json(),
      headers: r.headers,
    }));
  expectProblem(await patch('compress', Buffer.from('{"firstName":"Mallory"}')), 415, 'content-encoding');
  expectProblem(await patch('x-nonsense', Buffer.from('{"firstName":"Mallory"}')), 415, 'content-encoding');
  for (const encoding of ['gzip', 'deflate', 'br']) expectProblem(await patch(encoding, Buffer.from('garbage, not compressed')), 400, 'content-encoding');
  expect(await rowCounts()).toEqual(before);
  // A real gzip body still decodes and applies.
  const ok = await patch('gzip', zlib.gzipSync('{"firstName":"Grace"}'));
  expect(ok.status).toBe(200);
});

it('an unknown sandbox user or institution: 400 with Plaid code, no bank anywhere', async () => {
  const before = await rowCounts();
  const user = await call(api, 'POST', '/v1/bank/sandbox/public-token', { token: customer.token, body: { username: 'user_nobody_knows' } });
  expectProblem(user, 400, 'username');
  expect(user.body.plaidErrorCode).toEqual(expect.any(String));
  const ins = await call(api, 'POST', '/v1/bank/sandbox/public-token', { token: customer.token, body: { institutionId: 'ins_does_not_exist' } });
  expectProblem(ins, 400, 'institutionId');
  expect(ins.body.plaidErrorCode).toBe('INVALID_INSTITUTION');
  expect(await rowCounts()).toEqual(before);
});

it('an unexpected error stays a 500 problem, logged once and without the request body', async () => {
  const app = express();
  app.post('/boom', () => {
    throw Object.assign(new Error('kaboom'), { body: '{"password":"hunter2-secret-body"}', rawBody: Buffer.from('raw-secret') });
  });
  app.use(problemHandler);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const logs = tapLogs();
  try {
    const { port } = server.address() as { port: number };
    const r = await fetch(`http://127.0.0.1:${port}/boom`, { method: 'POST' });
    expect(r.status).toBe(500);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
  } finally {
    logs.stop();
    server.close();
  }
  const unhandled = logs.lines.filter((l) => l.includes('unhandled error'));
  expect(unhandled).toHaveLength(1);
  expect(unhandled[0]).toContain('kaboom');
  expect(logs.text()).not.toMatch(/hunter2|raw-secret/);
});
