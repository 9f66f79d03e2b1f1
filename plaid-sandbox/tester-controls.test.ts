/**
 * Controls a tester drives from what they know about a customer (issue 17): find the customer's
 * Item by the Link token's client_user_id or an account_id, change their balance and add payroll
 * by client_user_id, Account Select in Link, and CORS for the browser Link UI.
 */
import { Conformance } from './test/conformance';
import { startTestSandbox, type TestSandbox } from './test/harness';
import { controlFailure, linkCustomer, linkTokenFor } from './test/link';

const c = new Conformance();
let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t?.close());

interface SandboxItem {
  item_id: string;
  access_token: string;
  client_user_id: string | null;
  institution: { institution_id: string; name: string };
  created_at: string;
  accounts: { account_id: string; name: string; mask: string | null; balances: { available: number | null; current: number | null } }[];
}

// Test files share one database: customer ids are unique per run.
const customer = (name: string) => `acct-${name}-${process.pid}-${Date.now()}`;
const itemsOf = async (query: string) => (await t.control<{ items: SandboxItem[] }>(`/items?${query}`)).items;
const balanceOf = async (accessToken: string, accountId: string) =>
  (await t.plaid.accountsBalanceGet({ access_token: accessToken, options: { account_ids: [accountId] } })).data.accounts[0].balances;

describe('GET /__sandbox/items: a customer\'s Items', () => {
  test('by client_user_id (newest first) and by account_id, with institution, accounts, balances and created time', async () => {
    const dana = customer('dana');
    const first = await linkCustomer(t, dana, { username: 'user_steady_biweekly', institution_id: 'ins_109511' });
    t.clock.advance(60_000);
    const second = await linkCustomer(t, dana, { username: 'user_good' });
    await linkCustomer(t, customer('other'));

    const items = await itemsOf(`client_user_id=${encodeURIComponent(dana)}`);
    expect(items.map((i) => i.item_id)).toEqual([second.itemId, first.itemId]);
    const [newest, older] = items;
    expect(older).toMatchObject({ client_user_id: dana, access_token: first.accessToken, institution: { institution_id: 'ins_109511', name: 'Tartan Bank' } });
    expect(new Date(newest.created_at).getTime() - new Date(older.created_at).getTime()).toBe(60_000);
    // The accounts and balances are what Plaid's API answers for the Item.
    const { data } = await t.plaid.accountsGet({ access_token: second.accessToken });
    expect(newest.accounts).toEqual(data.accounts.map((a) => ({ account_id: a.account_id, name: a.name, mask: a.mask, type: a.type, subtype: a.subtype, balances: a.balances })));
    expect(newest.accounts[0].balances).toMatchObject({ available: 100, current: 110 });

    const byAccount = await itemsOf(`account_id=${older.accounts[0].account_id}`);
    expect(byAccount).toEqual([older]);
    expect(await itemsOf(`client_user_id=${customer('nobody')}`)).toEqual([]);
    expect(await itemsOf('account_id=nope')).toEqual([]);
  });

  test('a removed Item is no longer listed', async () => {
    const erin = customer('erin');
    const { accessToken } = await linkCustomer(t, erin);
    await t.plaid.itemRemove({ access_token: accessToken });
    expect(await itemsOf(`client_user_id=${erin}`)).toEqual([]);
  });

  test('one of batch_id, client_user_id, account_id is required', async () => {
    c.error('GET /__sandbox/items', await controlFailure(t, '/items'), 'MISSING_FIELDS');
    c.error('GET /__sandbox/items', await controlFailure(t, '/items?client_user_id=a&account_id=b'), 'INVALID_FIELD');
  });
});

describe('controls addressed by client_user_id', () => {
  test('drop the customer\'s balance: /accounts/balance sets their first account', async () => {
    const fay = customer('fay');
    const { accessToken } = await linkCustomer(t, fay);
    const done = await t.control<{ account_id: string; balances: Record<string, number> }>('/accounts/balance', { client_user_id: fay, available: 3.5, current: 4 });
    expect(done.balances).toMatchObject({ available: 3.5, current: 4 });
    const [checking] = (await t.plaid.accountsGet({ access_token: accessToken })).data.accounts;
    expect(done.account_id).toBe(checking.account_id);
    expect(await balanceOf(accessToken, checking.account_id)).toMatchObject({ available: 3.5, current: 4 });
    // account_id must belong to the customer's Item; alone it still works as before.
    c.error('/__sandbox/accounts/balance', await controlFailure(t, '/accounts/balance', { client_user_id: fay, account_id: 'nope', current: 1 }), 'INVALID_ACCOUNT_ID');
    c.error('/__sandbox/accounts/balance', await controlFailure(t, '/accounts/balance', { client_user_id: customer('ghost'), current: 1 }), 'ITEM_NOT_FOUND');
    c.error('/__sandbox/accounts/balance', await controlFailure(t, '/accounts/balance', { current: 1 }), 'MISSING_FIELDS');
  });

  test('kind "payroll": INCOME_WAGES, money in, named like the customer\'s existing pay', async () => {
    const gus = customer('gus');
    const { accessToken } = await linkCustomer(t, gus, { username: 'user_steady_biweekly' });
    const base = (await t.plaid.transactionsSync({ access_token: accessToken, count: 500 })).data;
    const pay = base.added.filter((x) => x.personal_finance_category?.detailed === 'INCOME_WAGES').sort((a, b) => b.date.localeCompare(a.date))[0];
    const checking = base.accounts[0];

    const added = await t.control<{ transaction_ids: string[]; account_id: string }>('/transactions/add', {
      client_user_id: gus,
      transactions: [{ kind: 'payroll', amount: 1250.5 }, { amount: -40, name: 'VENMO CASHOUT' }],
    });
    expect(added.account_id).toBe(checking.account_id);
    const delta = (await t.plaid.transactionsSync({ access_token: accessToken, cursor: base.next_cursor })).data;
    c.ok('/transactions/sync', delta);
    const [payroll, transfer] = added.transaction_ids.map((id) => delta.added.find((x) => x.transaction_id === id)!);
    expect(payroll).toMatchObject({ amount: -1250.5, name: pay.name, merchant_name: pay.merchant_name, personal_finance_category: { primary: 'INCOME', detailed: 'INCOME_WAGES' }, pending: false });
    // A deposit without a kind or category is TRANSFER_IN, which Timely does not count as income.
    expect(transfer).toMatchObject({ amount: -40, personal_finance_category: { primary: 'TRANSFER_IN', detailed: 'TRANSFER_IN_DEPOSIT' } });
    const after = await balanceOf(accessToken, checking.account_id);
    expect(Math.round(after.current! * 100) - Math.round(checking.balances.current! * 100)).toBe(129050);
  });

  test('payroll for a customer without pay yet: a direct deposit from the default employer; name and merchant can be given', async () => {
    const hal = customer('hal');
    const { accessToken } = await linkCustomer(t, hal, { username: 'user_no_income' });
    const base = (await t.plaid.transactionsSync({ access_token: accessToken, count: 500 })).data;
    await t.control('/transactions/add', { client_user_id: hal, transactions: [{ kind: 'payroll', amount: -900 }, { kind: 'payroll', amount: 100, name: 'NORTHWIND PAYROLL', merchant_name: 'Northwind' }] });
    const { added } = (await t.plaid.transactionsSync({ access_token: accessToken, cursor: base.next_cursor })).data;
    expect(added.map((x) => [x.amount, x.name, x.merchant_name, x.personal_finance_category?.detailed])).toEqual([
      [-900, 'ACME CORP PAYROLL DIR DEP', 'Acme Corp', 'INCOME_WAGES'],
      [-100, 'NORTHWIND PAYROLL', 'Northwind', 'INCOME_WAGES'],
    ]);
  });

  test('transactions/add errors: kind with a category, neither kind nor name, unknown kind', async () => {
    const ivy = customer('ivy');
    await linkCustomer(t, ivy);
    const add = (tx: Record<string, unknown>) => controlFailure(t, '/transactions/add', { client_user_id: ivy, transactions: [tx] });
    c.error('/__sandbox/transactions/add', await add({ kind: 'payroll', amount: 1, personal_finance_category: { primary: 'INCOME', detailed: 'INCOME_WAGES' } }), 'INVALID_FIELD');
    c.error('/__sandbox/transactions/add', await add({ amount: 1 }), 'MISSING_FIELDS');
    c.error('/__sandbox/transactions/add', await add({ kind: 'bonus', amount: 1, name: 'x' }), 'INVALID_FIELD');
  });
});

describe('Link: Account Select', () => {
  test('/link/accounts previews the accounts (stores nothing); account_indexes keeps only those on the Item', async () => {
    const jo = customer('jo');
    const link_token = await linkTokenFor(t, jo);
    const preview = await t.control<{ accounts: { index: number; name: string; mask: string; subtype: string; balances: { available: number } }[] }>('/link/accounts', {
      link_token,
      username: 'user_good',
      password: 'pass_good',
    });
    expect(preview.accounts.map((a) => [a.index, a.name, a.subtype, a.balances.available])).toEqual([
      [0, 'Plaid Checking', 'checking', 100],
      [1, 'Plaid Saving', 'savings', 200],
    ]);
    expect(await itemsOf(`client_user_id=${jo}`)).toEqual([]);

    const done = await t.control<{ public_token: string; accounts: { account_id: string; name: string; mask: string }[] }>('/link/complete', { link_token, username: 'user_good', account_indexes: [1] });
    const { data: ex } = await t.plaid.itemPublicTokenExchange({ public_token: done.public_token });
    const { data } = await t.plaid.accountsGet({ access_token: ex.access_token });
    c.ok('/accounts/get', data);
    expect(data.accounts.map((a) => [a.account_id, a.name, a.mask])).toEqual([[done.accounts[0].account_id, 'Plaid Saving', preview.accounts[1].mask]]);
    c.error('/__sandbox/link/complete', await controlFailure(t, '/link/complete', { link_token, account_indexes: [2] }), 'INVALID_FIELD');
    c.error('/__sandbox/link/accounts', await controlFailure(t, '/link/accounts', { link_token, username: 'user_good', password: 'wrong' }), 'INVALID_CREDENTIALS');
    c.error('/__sandbox/link/accounts', await controlFailure(t, '/link/accounts', { link_token: 'link-sandbox-nope' }), 'INVALID_LINK_TOKEN');
  });
});

describe('for the browser', () => {
  test('CORS: loopback origins may call the controls; others get no CORS grant', async () => {
    const preflight = await fetch(`${t.url}/__sandbox/link/complete`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
    const get = await fetch(`${t.url}/__sandbox/scenarios`, { headers: { origin: 'http://127.0.0.1:4173' } });
    expect(get.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4173');
    const foreign = await fetch(`${t.url}/__sandbox/scenarios`, { headers: { origin: 'https://example.com' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('the Link script is served at Plaid\'s path, loadable cross-origin', async () => {
    const res = await fetch(`${t.url}/link/v2/stable/link-initialize.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(await res.text()).toContain('window.Plaid = { create: create');
  });

  test('ui-config: institutions, test users with what each shows, update mode', async () => {
    const kim = customer('kim');
    const cfg = await t.control<{ client_name: string; update_mode: boolean; institutions: { institution_id: string }[]; users: { username: string; summary: string; shows: string }[] }>(
      `/link/ui-config?link_token=${await linkTokenFor(t, kim)}`,
    );
    expect(cfg).toMatchObject({ client_name: 'Timely', update_mode: false });
    expect(cfg.institutions.map((i) => i.institution_id)).toContain('ins_109508');
    expect(cfg.users.find((u) => u.username === 'user_steady_biweekly')).toMatchObject({ summary: 'Salaried, paid every other Friday' });

    const { accessToken } = await linkCustomer(t, kim, { username: 'user_gig_irregular', institution_id: 'ins_109510' });
    const update = await t.control<Record<string, unknown>>(`/link/ui-config?link_token=${await linkTokenFor(t, kim, { access_token: accessToken })}`);
    expect(update).toMatchObject({ update_mode: true, update: { username: 'user_gig_irregular', institution: { institution_id: 'ins_109510', name: 'Tattersall Federal Credit Union' } } });
  });

  test('the control index lists the new controls', async () => {
    const { controls } = await t.control<{ controls: string[] }>('/');
    for (const s of ['/__sandbox/items?client_user_id=', '/__sandbox/items?account_id=', '/__sandbox/transfers/return', '/__sandbox/link/ui-config', '/__sandbox/link/accounts', 'kind?: "payroll"', 'link-initialize.js'])
      expect(controls.some((line) => line.includes(s))).toBe(true);
  });
});
