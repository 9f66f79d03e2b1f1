/**
 * A failing Plaid call never puts our Plaid secret, a customer's access token or their personal
 * data into a log line or a Temporal failure. The real plaid client talks to a small proxy in
 * front of the local Plaid sandbox: it passes calls through (so a customer can sign up and link a
 * bank for real), or answers each call with one kind of failure, its body carrying the customer's
 * name and email as Plaid's /identity data would. Each failure is driven through the API (what
 * the problem handler and pino-http log) and through activities run as Temporal runs them (what
 * the worker logs for a failed activity), with every written log line captured.
 */
import http, { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DefaultLogger, LogEntry } from '@temporalio/worker';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { Pool } from 'pg';
import { bankActivities } from './activities';
import { bankDeps, BankDeps } from './deps';
import { createPlaidClient } from './plaid-client';
import { PlaidError } from './plaid-errors';
import { decryptToken } from './token-crypto';
import { authorizeTransfer } from '../transfers/plaid-transfer';
import { closePool } from '../../db/pool';
import { loadConfig, resetConfigForTests } from '../../platform/config';
import { logger, tapLogs } from '../../platform/logger';
import { call, signUpAndSignIn, startApi, TestApi, uniqueCustomer } from '../../test/support/api';
import { startSandboxForTimely } from '../../test/support/plaid';
import type { TestSandbox } from '../../plaid-sandbox/test/harness';

const PLAID_SECRET = `plaid-secret-PLANTED-${process.pid}-8f3a9c`;
const PLAID_CLIENT_ID = `plaid-client-PLANTED-${process.pid}`;
const NAME_FIRST = 'Zelphine';
const NAME_LAST = 'Quorrelby';
const EMAIL = `zelphine.quorrelby.${process.pid}@planted.example`;

type Mode = 'pass' | 'invalid-token' | 'login-required' | 'plaid-500' | 'html-502' | 'malformed-200' | 'timeout' | 'reset';
let mode: Mode = 'pass';

/** Plaid's /identity shape, as the failing answer's extra payload: what must never be logged. */
const pii = { accounts: [{ owners: [{ names: [`${NAME_FIRST} ${NAME_LAST}`], emails: [{ data: EMAIL, primary: true }] }] }] };
const plaidError = (type: string, code: string) => ({ error_type: type, error_code: code, error_message: `${code.toLowerCase()} (test)`, display_message: null, request_id: 'req-test-1', ...pii });

function failWith(m: Mode, res: ServerResponse): void {
  const json = (status: number, body: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  if (m === 'invalid-token') return json(400, plaidError('INVALID_INPUT', 'INVALID_ACCESS_TOKEN'));
  if (m === 'login-required') return json(400, plaidError('ITEM_ERROR', 'ITEM_LOGIN_REQUIRED'));
  if (m === 'plaid-500') return json(500, plaidError('API_ERROR', 'INTERNAL_SERVER_ERROR'));
  if (m === 'html-502') return void res.writeHead(502, { 'content-type': 'text/html' }).end(`<html>Bad gateway for ${NAME_FIRST} ${NAME_LAST} &lt;${EMAIL}&gt;</html>`);
  if (m === 'malformed-200') return void res.writeHead(200, { 'content-type': 'application/json' }).end(`{"accounts":[{"owners":[{"names":["${NAME_FIRST} ${NAME_LAST}"],"emails":[{"data":"${EMAIL}"`);
  if (m === 'reset') return void res.socket?.destroy();
  // timeout: never answer; the client gives up after PLAID_TIMEOUT_MS and the socket is dropped at close
}

let sandbox: TestSandbox;
let proxy: http.Server;
let api: TestApi;
let db: Pool;
let customer: { accountId: string; token: string };
let accessToken: string;

beforeAll(async () => {
  sandbox = await startSandboxForTimely();
  proxy = http.createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    // The sandbox's own controls, and everything while passing, go through untouched.
    if (mode !== 'pass' && !req.url?.startsWith('/__sandbox')) return failWith(mode, res);
    const answer = await fetch(sandbox.url + req.url, { method: req.method, headers: { 'content-type': 'application/json', 'plaid-client-id': String(req.headers['plaid-client-id'] ?? ''), 'plaid-secret': String(req.headers['plaid-secret'] ?? '') }, body: chunks.length ? Buffer.concat(chunks) : undefined });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  Object.assign(process.env, {
    PLAID_LOCAL_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    PLAID_SECRET,
    PLAID_CLIENT_ID,
    PLAID_TIMEOUT_MS: '600',
  });
  resetConfigForTests();
  api = await startApi();
  db = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });

  // A real customer with a real linked bank (through the proxy, passing), named and mailed as planted.
  const c = await signUpAndSignIn(api, { ...uniqueCustomer(), firstName: NAME_FIRST, lastName: NAME_LAST, email: EMAIL });
  const pub = await call(api, 'POST', '/v1/bank/sandbox/public-token', { token: c.token, body: {} });
  expect(pub.status).toBe(200);
  const linked = await call(api, 'POST', '/v1/bank/link', { token: c.token, body: { publicToken: pub.body.publicToken } });
  expect(linked.status).toBe(201);
  customer = c;
  const enc = (await db.query('SELECT access_token_enc FROM bank.items WHERE account_id = $1', [c.accountId])).rows[0].access_token_enc;
  accessToken = decryptToken(bankDeps().key, enc);
  expect(accessToken.length).toBeGreaterThan(10);
});

afterAll(async () => {
  mode = 'pass';
  await api.close();
  proxy.closeAllConnections();
  await new Promise((r) => proxy.close(r));
  await sandbox.close();
  await db.end();
  await closePool();
});

/** A login-required or invalid-token answer marks the item; put it back so the next call reaches Plaid again. */
const reactivate = () => db.query(`UPDATE bank.items SET status = 'active', status_reason = NULL WHERE account_id = $1 AND status = 'login_required'`, [customer.accountId]);

afterEach(async () => {
  mode = 'pass';
  await reactivate();
});

/** Runs an activity as the worker does, its failure logged through pino as worker/runtime.ts forwards it. */
async function runActivity<R>(fn: () => Promise<R>): Promise<unknown> {
  await reactivate();
  const sdkLogger = new DefaultLogger('INFO', (entry: LogEntry) => {
    const level = ({ TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const)[entry.level];
    logger[level]({ ...entry.meta, sdk: true }, entry.message);
  });
  return new MockActivityEnvironment({}, { logger: sdkLogger }).run(fn).then(
    () => undefined,
    (err: unknown) => err,
  );
}

function expectNothingLeaked(text: string): void {
  for (const secret of [PLAID_SECRET, PLAID_CLIENT_ID, accessToken, NAME_FIRST, NAME_LAST, EMAIL]) expect(text).not.toContain(secret);
  expect(text).not.toMatch(/"(config|request)"\s*:\s*\{/);
}

/** Every way through our code to Plaid that a failure can take, with every log line captured. */
async function failEverywhere(m: Mode): Promise<{ logs: string; bank: number; failures: unknown[] }> {
  const tap = tapLogs();
  try {
    mode = m;
    const bank = await call(api, 'GET', '/v1/bank', { token: customer.token });
    await reactivate();
    // The sandbox public token call carries the customer's name and email in its request body.
    const publicToken = await call(api, 'POST', '/v1/bank/sandbox/public-token', { token: customer.token, body: {} });
    if (m !== 'malformed-200') expect(publicToken.status).toBeGreaterThanOrEqual(400);
    const acts = bankActivities();
    const failures = [
      await runActivity(() => acts.fetchBankOwners(customer.accountId)),
      await runActivity(() => acts.fetchBalances(customer.accountId)),
      await runActivity(() =>
        authorizeTransfer(bankDeps(), {
          transferId: 't-1',
          attempt: 1,
          idempotencyKey: `log-test-${m}`,
          accountId: customer.accountId,
          direction: 'credit',
          amountCents: 5000,
          legalName: `${NAME_FIRST} ${NAME_LAST}`,
        }),
      ),
    ];
    return { logs: tap.text(), bank: bank.status, failures };
  } finally {
    tap.stop();
    mode = 'pass';
  }
}

function expectSafeFailures(failures: unknown[], type: RegExp): void {
  for (const f of failures) {
    expect(f).toBeInstanceOf(ApplicationFailure);
    const af = f as ApplicationFailure;
    expect(af.type).toMatch(type);
    expect(af.cause).toBeUndefined();
    expectNothingLeaked(JSON.stringify({ message: af.message, details: af.details, stack: af.stack }));
  }
}

it.each([
  // GET /v1/bank: an unmapped Plaid 400 is a 500 today (issue 12, point 3); a login-required bank
  // is answered from stored balances (200) or refused (409), depending on the route.
  ['invalid-token', [500], /BANK_TOKEN_INVALID/, 'INVALID_ACCESS_TOKEN'],
  ['login-required', [200, 409], /BANK_LOGIN_REQUIRED/, 'ITEM_LOGIN_REQUIRED'],
  ['plaid-500', [503], /PLAID_RETRY/, 'INTERNAL_SERVER_ERROR'],
  ['html-502', [503], /PLAID_RETRY/, '502'],
] as const)('a Plaid %s answer is logged as its error code only', async (m, bankStatuses, failureType, logged) => {
  const r = await failEverywhere(m);
  expect(bankStatuses).toContain(r.bank);
  expect(r.logs).toContain(logged); // the lines were captured and say what failed
  expectNothingLeaked(r.logs);
  expectSafeFailures(r.failures, failureType);
});

it('a timeout, a reset connection and a refused connection are logged without the request', async () => {
  for (const m of ['timeout', 'reset'] as const) {
    const r = await failEverywhere(m);
    expect(r.bank).toBe(503);
    expect(r.logs).toMatch(/ECONNABORTED|ECONNRESET|ETIMEDOUT|no answer/);
    expectNothingLeaked(r.logs);
    expectSafeFailures(r.failures, /PLAID_RETRY/);
  }
  // Nothing listens on port 9: the real client against a closed port.
  const refused: BankDeps = { ...bankDeps(), plaid: createPlaidClient(loadConfig({ ...process.env, PLAID_LOCAL_URL: 'http://127.0.0.1:9' })) };
  const tap = tapLogs();
  let failure: unknown;
  try {
    failure = await runActivity(() => bankActivities(() => refused).fetchBankOwners(customer.accountId));
  } finally {
    tap.stop();
  }
  expect(tap.text()).toContain('ECONNREFUSED');
  expectNothingLeaked(tap.text());
  expectSafeFailures([failure], /PLAID_RETRY/);
});

it('a malformed answer (not JSON) is logged without its body', async () => {
  const r = await failEverywhere('malformed-200');
  expect(r.bank).toBe(500);
  expect(r.logs).toContain('unhandled error');
  expectNothingLeaked(r.logs);
  for (const f of r.failures) expectNothingLeaked(JSON.stringify(f, Object.getOwnPropertyNames(f)));
});

it('the client hands callers a PlaidError with safe fields only, never the axios error', async () => {
  mode = 'invalid-token';
  const err = await bankDeps().plaid.accountsBalanceGet({ access_token: accessToken }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(PlaidError);
  expect({ ...(err as PlaidError) }).toEqual({
    status: 400,
    error_type: 'INVALID_INPUT',
    error_code: 'INVALID_ACCESS_TOKEN',
    request_id: 'req-test-1',
    endpoint: '/accounts/balance/get',
    code: 'ERR_BAD_REQUEST',
    name: 'PlaidError',
    plaidMessage: 'invalid_access_token (test)',
  });
  expect(err).not.toHaveProperty('config');
  expect(err).not.toHaveProperty('response');
  expect((err as Error).cause).toBeUndefined();
});
