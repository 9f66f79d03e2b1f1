/** The emulator-only controls under /__sandbox. */
import { Conformance } from './test/conformance';
import { linkItem, startTestSandbox, type TestSandbox } from './test/harness';

const c = new Conformance();
let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t?.close());

const balanceOf = async (accessToken: string, accountId: string) =>
  (await t.plaid.accountsBalanceGet({ access_token: accessToken, options: { account_ids: [accountId] } })).data.accounts[0].balances;

test('set an account balance', async () => {
  const { accessToken } = await linkItem(t);
  const [checking] = (await t.plaid.accountsGet({ access_token: accessToken })).data.accounts;
  await t.control('/accounts/balance', { account_id: checking.account_id, available: 0, current: 12.34 });
  expect(await balanceOf(accessToken, checking.account_id)).toMatchObject({ available: 0, current: 12.34 });
});

test('added transactions move balances: posted both, pending debit only available', async () => {
  const { accessToken } = await linkItem(t);
  const [checking] = (await t.plaid.accountsGet({ access_token: accessToken })).data.accounts;
  await t.control('/transactions/add', {
    access_token: accessToken,
    account_id: checking.account_id,
    transactions: [
      { amount: -500, name: 'PAYROLL', personal_finance_category: { primary: 'INCOME', detailed: 'INCOME_WAGES' } },
      { amount: 20.25, name: 'GROCER', pending: true },
    ],
  });
  expect(await balanceOf(accessToken, checking.account_id)).toMatchObject({ current: 610, available: 579.75 });
});

test('advance the clock', async () => {
  const before = await t.control<{ now: string }>('/clock');
  const after = await t.control<{ now: string }>('/clock/advance', { days: 2, hours: 1 });
  expect(new Date(after.now).getTime() - new Date(before.now).getTime()).toBe((2 * 24 + 1) * 3600 * 1000);
});

test('seed Items in bulk, page through them, histories appear on first sync', async () => {
  const bulk = await t.control<{ batch_id: string; items: number; accounts: number }>('/items/bulk', { count: 250, username: 'user_steady_biweekly', seed_prefix: 'bench' });
  expect(bulk).toMatchObject({ items: 250, accounts: 500 });
  const page1 = await t.control<{ items: { access_token: string; account_ids: string[] }[]; next_after: string | null }>(`/items?batch_id=${bulk.batch_id}&limit=200`);
  expect(page1.items).toHaveLength(200);
  const page2 = await t.control<{ items: unknown[]; next_after: string | null }>(`/items?batch_id=${bulk.batch_id}&limit=200&after=${page1.next_after}`);
  expect(page2.items).toHaveLength(50);

  const { access_token } = page1.items[0];
  const accounts = (await t.plaid.accountsGet({ access_token })).data;
  c.ok('/accounts/get', accounts);
  const sync = (await t.plaid.transactionsSync({ access_token, count: 500 })).data;
  c.ok('/transactions/sync', sync);
  expect(sync.added.length).toBeGreaterThan(100);
  // The stored balance is the one the (lazily generated) history leads to.
  const checking = accounts.accounts[0];
  const pendingOut = sync.added.filter((x) => x.account_id === checking.account_id && x.pending && x.amount > 0).reduce((s, x) => s + Math.round(x.amount * 100), 0);
  expect(Math.round(checking.balances.current! * 100) - pendingOut).toBe(Math.round(checking.balances.available! * 100));
});

test('scenario list and control index', async () => {
  const { scenarios } = await t.control<{ scenarios: { username: string }[] }>('/scenarios');
  expect(scenarios.map((s) => s.username)).toEqual(expect.arrayContaining(['user_good', 'user_steady_biweekly', 'user_gig_irregular', 'user_overdrafts', 'user_no_income', 'user_login_expired']));
  expect((await t.control<{ controls: string[] }>('/')).controls.length).toBeGreaterThan(10);
});

test('control errors use the Plaid error shape', async () => {
  const res = await fetch(`${t.url}/__sandbox/accounts/balance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account_id: 'nope', current: 1 }) });
  const body = (await res.json()) as Record<string, unknown>;
  expect(res.status).toBe(400);
  expect(c.spec.problems('PlaidError', body)).toEqual([]);
  expect(body.error_code).toBe('INVALID_ACCOUNT_ID');
});
