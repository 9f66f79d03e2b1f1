/**
 * A body we cannot read is refused, never read as `{}` and acted on (issue 12, point 2): 415 for a
 * body that is not application/json, 400 for a required body that is missing, and nothing written
 * (no row in any module's schema or in the Plaid sandbox, no workflow started) either way.
 */
import http from 'node:http';
import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { getTemporalClient } from '../platform/temporal-client';
import { call, Reply, TestApi, uniqueCustomer } from '../test/support/api';
import { startIsolatedApi, type IsolatedApi } from '../test/support/isolated-api';
import type { RowCounts } from '../test/support/row-counts';

let api: TestApi;
let db: Pool;
let staff: string;
let customer: { accountId: string; token: string };
/** Row counts of every module's tables: what "nothing written" means (test/support/row-counts.ts). */
let rowCounts: () => Promise<RowCounts>;
// "Nothing written" and "no workflow started" are counted in this file's own database and task
// queue (test/support/isolated-api.ts), so other test files running beside it cannot move the counts.

let env: IsolatedApi;
beforeAll(async () => {
  env = await startIsolatedApi('content_type');
  ({ api, db, staff, customer, rowCounts } = env);
});
afterAll(() => env.close());


async function workflowsStarted(): Promise<number> {
  await new Promise((r) => setTimeout(r, 300)); // visibility trails a start by a moment
  return (await getTemporalClient().workflow.count(`TaskQueue = "${env.taskQueue}"`)).count;
}

/** A raw request, so the Content-Type (or its absence) and the body are exactly as a careless client sends them. */
function send(method: string, path: string, opts: { token: string; contentType?: string; body?: string }): Promise<Reply> {
  const headers: Record<string, string> = { authorization: `Bearer ${opts.token}` };
  if (opts.contentType) headers['content-type'] = opts.contentType;
  return call(api, method, path, { headers, rawBody: opts.body });
}

/** Sent with Transfer-Encoding: chunked (no Content-Length), as a streaming client does. */
function sendChunked(method: string, path: string, token: string, contentType: string, body: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(api.url + path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': contentType } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.write(body);
    req.end();
  });
}

function expect415(r: { status: number; body: any; contentType?: string }): void {
  expect(r.status).toBe(415);
  if (r.contentType !== undefined) expect(r.contentType).toContain('application/problem+json');
  expect(r.body.type).toMatch(/\/unsupported-media-type$/);
  expect(r.body.errors).toEqual([expect.objectContaining({ field: 'content-type', message: expect.stringContaining('application/json') })]);
}

function expectBodyRequired(r: Reply): void {
  expect(r.status).toBe(400);
  expect(r.contentType).toContain('application/problem+json');
  expect(r.body.errors).toEqual([{ field: 'body', message: 'is required' }]);
}

const NOT_JSON = [
  ['text/plain', '{"accountId":"%ID%","firstName":"Mallory","username":"user_good"}'],
  ['application/x-www-form-urlencoded', 'accountId=%ID%&firstName=Mallory&username=user_good'],
  ['application/xml', '<me><firstName>Mallory</firstName></me>'],
  ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="firstName"\r\n\r\nMallory\r\n--x--\r\n'],
  ['application/merge-patch+json', '{"firstName":"Mallory"}'],
  [undefined, '{"accountId":"%ID%","firstName":"Mallory"}'],
] as const;

it('POST /v1/admin/evaluations with a body that is not JSON: 415, no sweep, nothing written', async () => {
  const before = await rowCounts();
  const workflows = await workflowsStarted();
  for (const [contentType, body] of NOT_JSON) {
    const r = await send('POST', '/v1/admin/evaluations', { token: staff, contentType, body: body.replace('%ID%', randomUUID()) });
    expect415(r);
  }
  expect415(await sendChunked('POST', '/v1/admin/evaluations', staff, 'text/plain', `{"accountId":"${randomUUID()}"}`));
  // The same body as JSON is read: the unknown account is a 404, still no sweep.
  const json = await send('POST', '/v1/admin/evaluations', { token: staff, contentType: 'application/json; charset=utf-8', body: `{"accountId":"${randomUUID()}"}` });
  expect(json.status).toBe(404);
  expect(await workflowsStarted()).toBe(workflows);
  expect(await rowCounts()).toEqual(before);
});

it('POST /v1/bank/sandbox/public-token with a body that is not JSON: 415, no bank created anywhere', async () => {
  const before = await rowCounts();
  for (const [contentType, body] of NOT_JSON) expect415(await send('POST', '/v1/bank/sandbox/public-token', { token: customer.token, contentType, body }));
  expect415(await sendChunked('POST', '/v1/bank/sandbox/public-token', customer.token, 'text/plain', '{"username":"user_good"}'));
  expect(await rowCounts()).toEqual(before);
});

it('PATCH /v1/me: 415 for text, form, XML, multipart or no Content-Type; 400 without a body; the account unchanged', async () => {
  const me = () => db.query('SELECT * FROM accounts.accounts WHERE id = $1', [customer.accountId]).then((r) => r.rows[0]);
  const before = await rowCounts();
  const account = await me();
  for (const [contentType, body] of NOT_JSON) expect415(await send('PATCH', '/v1/me', { token: customer.token, contentType, body }));
  expect415(await sendChunked('PATCH', '/v1/me', customer.token, 'text/plain', '{"firstName":"Mallory"}'));
  expectBodyRequired(await send('PATCH', '/v1/me', { token: customer.token }));
  expectBodyRequired(await send('PATCH', '/v1/me', { token: customer.token, contentType: 'application/json' }));
  expectBodyRequired(await send('PATCH', '/v1/me', { token: customer.token, contentType: 'text/plain', body: '' }));
  expect(await me()).toEqual(account);
  expect(await rowCounts()).toEqual(before);

  // JSON is read and applied, with or without charset=utf-8.
  const ok = await send('PATCH', '/v1/me', { token: customer.token, contentType: 'Application/JSON; Charset=UTF-8', body: '{"firstName":"Grace"}' });
  expect(ok.status).toBe(200);
  expect(ok.body.firstName).toBe('Grace');
});

it('a route with required fields answers 400 body required when sent none, 415 for another charset', async () => {
  const before = await rowCounts();
  expectBodyRequired(await send('POST', '/v1/accounts', { token: customer.token }));
  const who = uniqueCustomer();
  const latin1 = await send('POST', '/v1/accounts', { token: customer.token, contentType: 'application/json; charset=latin1', body: JSON.stringify(who) });
  expect415(latin1);
  expect(await rowCounts()).toEqual(before);
});

it('a route with no declared body still works without a body or with empty JSON, and refuses any other body', async () => {
  const before = await rowCounts();
  const workflows = await workflowsStarted();
  // POST /v1/applications takes no body: this customer has no bank, so the handler's 409 shows the request got through.
  const through = [
    await send('POST', '/v1/applications', { token: customer.token }),
    await send('POST', '/v1/applications', { token: customer.token, contentType: 'application/json', body: '{}' }),
    await send('POST', '/v1/applications', { token: customer.token, contentType: 'application/json' }),
    await send('POST', '/v1/applications', { token: customer.token, contentType: 'text/plain' }),
  ];
  for (const r of through) expect(r.body.type).toMatch(/\/no-linked-bank$/);
  expect415(await send('POST', '/v1/applications', { token: customer.token, contentType: 'text/plain', body: 'apply please' }));
  expect415(await send('POST', '/v1/applications', { token: customer.token, body: '{}' })); // a body with no Content-Type
  expect(await workflowsStarted()).toBe(workflows);
  expect(await rowCounts()).toEqual(before);
});

it('optional bodies may be left out: link-token and sandbox public token without a body', async () => {
  const pub = await send('POST', '/v1/bank/sandbox/public-token', { token: customer.token });
  expect(pub.status).toBe(200);
  expect(pub.body.publicToken).toEqual(expect.any(String));
});

it('the Plaid webhook still reads its raw JSON body (an unsigned one is refused as unsigned, not as a media type)', async () => {
  const body = { webhook_type: 'ITEM', webhook_code: 'ERROR', item_id: 'x', error: { error_code: 'ITEM_LOGIN_REQUIRED' } };
  const r = await call(api, 'POST', '/v1/webhooks/plaid', { body });
  expect(r.status).toBe(401);
  expect(r.body.type).toMatch(/\/invalid-webhook-signature$/);
});
