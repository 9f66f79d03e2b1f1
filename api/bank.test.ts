/** Bank linking through the API against the local Plaid sandbox, with the real plaid client. */
import { Pool } from 'pg';
import { bankDeps } from '../activities/bank/deps';
import { syncTransactions } from '../activities/bank/sync';
import { linkBank } from '../activities/bank/link';
import { createPlaidClient } from '../activities/bank/plaid-client';
import { decryptToken } from '../activities/bank/token-crypto';
import { closePool } from '../db/pool';
import { loadConfig } from '../platform/config';
import { DomainError } from '../platform/errors';
import { call, signUpAndSignIn, startApi, TestApi } from '../test/support/api';
import { startSandboxForTimely, useWebhookUrl } from '../test/support/plaid';
import type { TestSandbox } from '../plaid-sandbox/test/harness';
import { expectDocumented } from '../test/support/contract';

let sandbox: TestSandbox;
let api: TestApi;
let db: Pool;
beforeAll(async () => {
  sandbox = await startSandboxForTimely();
  api = await startApi();
  useWebhookUrl(api.url);
  db = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
});
afterAll(async () => {
  await api.close();
  await sandbox.close();
  await db.end();
  await closePool();
});

async function linkedCustomer(username = 'user_steady_biweekly') {
  const c = await signUpAndSignIn(api);
  const pub = await call(api, 'POST', '/v1/bank/sandbox/public-token', { token: c.token, body: { username } });
  expect(pub.status).toBe(200);
  const linked = await call(api, 'POST', '/v1/bank/link', { token: c.token, body: { publicToken: pub.body.publicToken } });
  return { ...c, linked };
}

it('links a bank: link token, sandbox public token, exchange; the access token stays encrypted on the server', async () => {
  const c = await signUpAndSignIn(api);
  const lt = await call(api, 'POST', '/v1/bank/link-token', { token: c.token });
  expect(lt.status).toBe(200);
  expect(lt.body.linkToken).toMatch(/^link-sandbox-/);
  expect(Date.parse(lt.body.expiration)).toBeGreaterThan(Date.now());

  const pub = await call(api, 'POST', '/v1/bank/sandbox/public-token', { token: c.token, body: {} });
  expect(pub.body.publicToken).toMatch(/^public-sandbox-/);
  const linked = await call(api, 'POST', '/v1/bank/link', { token: c.token, body: { publicToken: pub.body.publicToken } });
  expect(linked.status).toBe(201);
  expect(linked.body.item.institutionName).toEqual(expect.any(String));
  expect(linked.body.item.accounts).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Plaid Checking', type: 'depository', subtype: 'checking', mask: expect.any(String) })]));
  expect(JSON.stringify(linked.body)).not.toMatch(/access-sandbox/);

  const { rows } = await db.query('SELECT access_token_enc FROM bank.items WHERE account_id = $1', [c.accountId]);
  expect(rows[0].access_token_enc).toMatch(/^v1:/);
  expect(rows[0].access_token_enc).not.toContain('access-sandbox');

  const bank = await call(api, 'GET', '/v1/bank', { token: c.token });
  expect(bank.status).toBe(200);
  const checking = bank.body.accounts.find((a: { subtype: string }) => a.subtype === 'checking');
  expect(checking.balances).toMatchObject({ availableCents: 10000, currentCents: 11000, isoCurrencyCode: 'USD' });
});

it('refuses a second link, an unknown public token and bad input, writing nothing', async () => {
  const c = await linkedCustomer();
  expect(c.linked.status).toBe(201);
  const count = async () => Number((await db.query('SELECT count(*) FROM bank.items WHERE account_id = $1', [c.accountId])).rows[0].count);
  const pub = await call(api, 'POST', '/v1/bank/sandbox/public-token', { token: c.token, body: {} });
  const second = await call(api, 'POST', '/v1/bank/link', { token: c.token, body: { publicToken: pub.body.publicToken } });
  expect(second.status).toBe(409);
  expect(second.body.type).toContain('bank-already-linked');
  expect(await count()).toBe(1);

  const other = await signUpAndSignIn(api);
  const unknown = await call(api, 'POST', '/v1/bank/link', { token: other.token, body: { publicToken: 'public-sandbox-00000000-0000-4000-8000-000000000000' } });
  expect(unknown.status).toBe(400);
  expect(unknown.body.errors[0].field).toBe('publicToken');
  const empty = await call(api, 'POST', '/v1/bank/link', { token: other.token, body: { publicToken: '' } });
  expect(empty.status).toBe(400);
  expect((await db.query('SELECT count(*) FROM bank.items WHERE account_id = $1', [other.accountId])).rows[0].count).toBe('0');
  expect((await call(api, 'POST', '/v1/bank/link', { body: { publicToken: 'x' } })).status).toBe(401);
});

it('answers 404 with a clear problem when no bank is linked, and unlinks', async () => {
  const c = await signUpAndSignIn(api);
  const none = await call(api, 'GET', '/v1/bank', { token: c.token });
  expect(none.status).toBe(404);
  expect(none.body.type).toContain('no-linked-bank');
  const linked = await linkedCustomer();
  expect((await call(api, 'DELETE', '/v1/bank', { token: linked.token })).status).toBe(204);
  expect((await call(api, 'GET', '/v1/bank', { token: linked.token })).status).toBe(404);
  expect((await call(api, 'DELETE', '/v1/bank', { token: linked.token })).status).toBe(404);
});

it('syncs the full 90-day history once, then only the changes', async () => {
  const c = await linkedCustomer('user_steady_biweekly');
  const deps = bankDeps();
  const first = await syncTransactions(deps, c.accountId);
  expect(first.added).toBeGreaterThan(60);
  const again = await syncTransactions(deps, c.accountId);
  expect(again).toMatchObject({ added: 0, modified: 0, removed: 0 });

  const item = (await db.query('SELECT id, plaid_item_id FROM bank.items WHERE account_id = $1', [c.accountId])).rows[0];
  const stored = Number((await db.query('SELECT count(*) FROM bank.transactions WHERE item_id = $1', [item.id])).rows[0].count);
  expect(stored).toBe(first.added);
  const dates = (await db.query('SELECT min(date)::text AS lo, max(date)::text AS hi FROM bank.transactions WHERE item_id = $1', [item.id])).rows[0];
  expect((Date.parse(dates.hi) - Date.parse(dates.lo)) / 86_400_000).toBeGreaterThanOrEqual(80);

  await sandbox.control('/transactions/add', { item_id: item.plaid_item_id, transactions: [{ amount: 12.34, name: 'CORNER CAFE' }] });
  const third = await syncTransactions(deps, c.accountId);
  expect(third.added).toBe(1);
  const cafe = await db.query(`SELECT amount_cents FROM bank.transactions WHERE item_id = $1 AND name = 'CORNER CAFE'`, [item.id]);
  expect(Number(cafe.rows[0].amount_cents)).toBe(1234);
  const runs = await db.query('SELECT added FROM bank.sync_runs WHERE item_id = $1 ORDER BY id', [item.id]);
  expect(runs.rows.map((r) => r.added)).toEqual([first.added, 0, 1]);
});

it('refuses to link a bank whose login has already expired, storing nothing', async () => {
  const expired = await linkedCustomer('user_login_expired');
  expect(expired.linked.status).toBe(409);
  expect(expired.linked.body.type).toContain('bank-login-required');
  expect((await db.query('SELECT count(*) FROM bank.items WHERE account_id = $1', [expired.accountId])).rows[0].count).toBe('0');
});

it('marks the item when Plaid says the login expired (sync, balances, and a signed webhook)', async () => {
  const expired = await linkedCustomer('user_good');
  const enc0 = (await db.query('SELECT access_token_enc FROM bank.items WHERE account_id = $1', [expired.accountId])).rows[0].access_token_enc;
  await sandbox.plaid.sandboxItemResetLogin({ access_token: decryptToken(bankDeps().key, enc0) });
  await expect(syncTransactions(bankDeps(), expired.accountId)).rejects.toMatchObject({ type: 'BANK_LOGIN_REQUIRED', nonRetryable: true });
  expect((await db.query('SELECT status FROM bank.items WHERE account_id = $1', [expired.accountId])).rows[0].status).toBe('login_required');
  // The bank view says so (with the last stored balances) instead of failing.
  const bank = await call(api, 'GET', '/v1/bank', { token: expired.token });
  expect(bank.status).toBe(200);
  expect(bank.body).toMatchObject({ status: 'login_required', loginRequired: true });
  expect(bank.body.accounts.length).toBeGreaterThan(0);

  // Plaid's reset_login puts the item in ITEM_LOGIN_REQUIRED and sends a signed ITEM/ERROR webhook to us.
  const c = await linkedCustomer('user_good');
  const enc = (await db.query('SELECT access_token_enc FROM bank.items WHERE account_id = $1', [c.accountId])).rows[0].access_token_enc;
  await sandbox.plaid.sandboxItemResetLogin({ access_token: decryptToken(bankDeps().key, enc) });
  await sandbox.sandbox.flushWebhooks();
  const after = await db.query('SELECT status, status_reason FROM bank.items WHERE account_id = $1', [c.accountId]);
  expect(after.rows[0]).toEqual({ status: 'login_required', status_reason: 'ITEM_LOGIN_REQUIRED' });
  const hooks = await db.query(`SELECT webhook_type, webhook_code FROM bank.webhooks WHERE plaid_item_id = (SELECT plaid_item_id FROM bank.items WHERE account_id = $1)`, [c.accountId]);
  expect(hooks.rows).toContainEqual({ webhook_type: 'ITEM', webhook_code: 'ERROR' });
});

it('refuses an unsigned or forged webhook', async () => {
  const body = { webhook_type: 'ITEM', webhook_code: 'ERROR', item_id: 'x', error: { error_code: 'ITEM_LOGIN_REQUIRED' } };
  const none = await call(api, 'POST', '/v1/webhooks/plaid', { body });
  expect(none.status).toBe(401);
  const forged = await call(api, 'POST', '/v1/webhooks/plaid', { body, headers: { 'plaid-verification': 'eyJhbGciOiJFUzI1NiIsImtpZCI6Ingifq.e30.sig' } });
  expect([401, 400]).toContain(forged.status);
});

it('turns Plaid being down into a clear 503 within a bounded time', async () => {
  const cfg = loadConfig({ ...process.env, PLAID_LOCAL_URL: 'http://127.0.0.1:9', PLAID_TIMEOUT_MS: '500' });
  const deadPlaid = { ...bankDeps(), plaid: createPlaidClient(cfg) };
  const c = await signUpAndSignIn(api);
  const started = Date.now();
  const err = await linkBank(deadPlaid, c.accountId, 'public-sandbox-whatever').catch((e) => e);
  expect(err).toBeInstanceOf(DomainError);
  expect(err).toMatchObject({ kind: 'unavailable', code: 'bank-unavailable' });
  expect(Date.now() - started).toBeLessThan(5000);
  expect((await db.query('SELECT count(*) FROM bank.items WHERE account_id = $1', [c.accountId])).rows[0].count).toBe('0');
});

const accessTokenOf = async (accountId: string) =>
  decryptToken(bankDeps().key, (await db.query(`SELECT access_token_enc FROM bank.items WHERE account_id = $1 AND status <> 'removed'`, [accountId])).rows[0].access_token_enc);

it('gives Plaid the customer in the Link token, so the bank linked through Link names them as owner', async () => {
  const c = await signUpAndSignIn(api);
  const lt = await call(api, 'POST', '/v1/bank/link-token', { token: c.token, body: {} });
  expect(lt.status).toBe(200);
  expectDocumented('POST', '/v1/bank/link-token', lt);
  expect(lt.body.mode).toBe('create');
  // The emulated Link UI completes with the token's user as the bank's owner.
  const done = await sandbox.control<{ public_token: string }>('/link/complete', { link_token: lt.body.linkToken, username: 'user_good' });
  expect((await call(api, 'POST', '/v1/bank/link', { token: c.token, body: { publicToken: done.public_token } })).status).toBe(201);
  const { data } = await sandbox.plaid.identityGet({ access_token: await accessTokenOf(c.accountId) });
  expect(data.accounts[0].owners[0]).toMatchObject({
    names: [`${c.customer.firstName} ${c.customer.lastName}`],
    emails: [expect.objectContaining({ data: c.customer.email })],
    phone_numbers: [expect.objectContaining({ data: c.customer.phone })],
  });
});

it('repairs an expired bank login through Link update mode, checked at Plaid before the mark is cleared', async () => {
  const c = await linkedCustomer('user_good');
  // Nothing to repair yet; and no bank at all is a 404.
  const early = await call(api, 'POST', '/v1/bank/link-token', { token: c.token, body: { update: true } });
  expect(early.status).toBe(409);
  expect(early.body.type).toContain('bank-login-not-required');
  const stranger = await signUpAndSignIn(api);
  expect((await call(api, 'POST', '/v1/bank/link-token', { token: stranger.token, body: { update: true } })).body.type).toContain('no-linked-bank');
  expect((await call(api, 'POST', '/v1/bank/login-repaired', { token: stranger.token })).status).toBe(404);
  expect((await call(api, 'POST', '/v1/bank/link-token', { token: c.token, body: { update: 'yes' } })).status).toBe(400);

  await sandbox.plaid.sandboxItemResetLogin({ access_token: await accessTokenOf(c.accountId) });
  const broken = await call(api, 'GET', '/v1/bank', { token: c.token });
  expect(broken.status).toBe(200);
  expectDocumented('GET', '/v1/bank', broken);
  expect(broken.body).toMatchObject({ status: 'login_required', loginRequired: true });

  // Claiming a repair that did not happen changes nothing.
  const tooSoon = await call(api, 'POST', '/v1/bank/login-repaired', { token: c.token });
  expect(tooSoon.status).toBe(409);
  expect(tooSoon.contentType).toContain('application/problem+json');
  expect(tooSoon.body.type).toMatch(/bank-login-(still-)?required/);
  expect((await db.query('SELECT status FROM bank.items WHERE account_id = $1', [c.accountId])).rows[0].status).toBe('login_required');

  const lt = await call(api, 'POST', '/v1/bank/link-token', { token: c.token, body: { update: true } });
  expect(lt.status).toBe(200);
  expect(lt.body.mode).toBe('update');
  const done = await sandbox.control<{ update_mode: boolean }>('/link/complete', { link_token: lt.body.linkToken });
  expect(done.update_mode).toBe(true);
  const repaired = await call(api, 'POST', '/v1/bank/login-repaired', { token: c.token });
  expect(repaired.status).toBe(200);
  expectDocumented('POST', '/v1/bank/login-repaired', repaired);
  expect(repaired.body).toMatchObject({ status: 'active', loginRequired: false });
  expect((await db.query('SELECT status FROM bank.items WHERE account_id = $1', [c.accountId])).rows[0].status).toBe('active');
  expect((await call(api, 'GET', '/v1/bank', { token: c.token })).body.status).toBe('active');
});

it('draws the daily balance of the watched account from the stored transactions, in cents', async () => {
  const c = await linkedCustomer('user_steady_biweekly');
  await syncTransactions(bankDeps(), c.accountId);
  const bank = await call(api, 'GET', '/v1/bank', { token: c.token });
  const checking = bank.body.accounts.find((a: { subtype: string }) => a.subtype === 'checking');

  const r = await call(api, 'GET', '/v1/bank/balance-history', { token: c.token });
  expect(r.status).toBe(200);
  expectDocumented('GET', '/v1/bank/balance-history', r);
  expect(r.body).toMatchObject({ currency: 'USD', accountId: checking.id });
  const points: { date: string; balanceCents: number }[] = r.body.points;
  expect(points).toHaveLength(90);
  expect(points.every((p) => Number.isInteger(p.balanceCents) && /^\d{4}-\d{2}-\d{2}$/.test(p.date))).toBe(true);
  expect(points.at(-1)!.balanceCents).toBe(checking.balances.currentCents);
  // Day to day, the change is exactly what posted that day (Plaid's sign: positive = out).
  const { rows } = await db.query(
    `SELECT to_char(date, 'YYYY-MM-DD') AS d, sum(amount_cents)::int AS out FROM bank.transactions t JOIN bank.items i ON i.id = t.item_id
     WHERE i.account_id = $1 AND t.plaid_account_id = $2 AND t.removed_at IS NULL AND NOT t.pending GROUP BY 1`,
    [c.accountId, checking.id],
  );
  const out = new Map(rows.map((x) => [x.d as string, x.out as number]));
  for (let i = 1; i < points.length; i++) expect(points[i - 1].balanceCents - points[i].balanceCents).toBe(out.get(points[i].date) ?? 0);
  expect(new Set(points.map((p) => p.balanceCents)).size).toBeGreaterThan(5);

  const week = await call(api, 'GET', '/v1/bank/balance-history?days=7', { token: c.token });
  expect(week.body.points).toEqual(points.slice(-7));
  for (const bad of ['6', '91', 'x', '7.5']) expect((await call(api, 'GET', `/v1/bank/balance-history?days=${bad}`, { token: c.token })).status).toBe(400);
  const none = await call(api, 'GET', '/v1/bank/balance-history', { token: (await signUpAndSignIn(api)).token });
  expect(none.status).toBe(409);
  expect(none.body.type).toContain('no-linked-bank');
  expect((await call(api, 'GET', '/v1/bank/balance-history')).status).toBe(401);
});
