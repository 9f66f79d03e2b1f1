/**
 * Scenario users: deterministic histories (same seed and date -> same data), each showing what
 * its name promises, and controllable identity.
 */
import { CountryCode, Products, type Transaction } from 'plaid';
import { ManualClock } from './clock';
import { SCENARIOS } from './scenarios/catalog';
import { resolveLogin, generateForLogin } from './scenarios/login';
import { Conformance } from './test/conformance';
import { linkItem, plaidFailure, startTestSandbox, type TestSandbox } from './test/harness';

const c = new Conformance();
let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ clock: new ManualClock('2025-03-14T15:00:00Z') });
});
afterAll(() => t?.close());

async function history(accessToken: string): Promise<Transaction[]> {
  const out: Transaction[] = [];
  let cursor: string | undefined;
  for (;;) {
    const { data } = await t.plaid.transactionsSync({ access_token: accessToken, cursor, count: 500 });
    out.push(...data.added);
    cursor = data.next_cursor;
    if (!data.has_more) return out;
  }
}

/** Everything but the random ids: what "the same data" means. */
const comparable = (txns: Transaction[]) =>
  txns.map(({ transaction_id: _t, account_id: _a, ...rest }) => rest).sort((x, y) => `${x.date}${x.name}${x.amount}`.localeCompare(`${y.date}${y.name}${y.amount}`));

describe('determinism', () => {
  test.each(Object.keys(SCENARIOS))('%s: the generator is a pure function of seed and date', (username) => {
    const a = generateForLogin(resolveLogin(username, 'pass_good'), '2025-03-14');
    const b = generateForLogin(resolveLogin(username, 'pass_good'), '2025-03-14');
    expect(b).toEqual(a);
    const other = generateForLogin(resolveLogin(username, JSON.stringify({ seed: 'another' })), '2025-03-14');
    if (username !== 'user_good') expect(other.accounts[0].transactions).not.toEqual(a.accounts[0].transactions);
    // Every transaction lies in the 90 days ending on the creation date.
    for (const acct of a.accounts) for (const x of acct.transactions) expect(x.date >= '2024-12-15' && x.date <= '2025-03-14').toBe(true);
  });

  test('two Items with the same seed serve the same transactions and balances through the API', async () => {
    const password = JSON.stringify({ seed: 'fixed-seed-42' });
    const a = await linkItem(t, { username: 'user_gig_irregular', password });
    const b = await linkItem(t, { username: 'user_gig_irregular', password });
    expect(comparable(await history(b.accessToken))).toEqual(comparable(await history(a.accessToken)));
    const balances = async (token: string) => (await t.plaid.accountsGet({ access_token: token })).data.accounts.map((x) => x.balances);
    expect(await balances(b.accessToken)).toEqual(await balances(a.accessToken));
  });
});

describe('what each scenario shows', () => {
  const gen = (username: string) => generateForLogin(resolveLogin(username, 'pass_good'), '2025-03-14');
  const days = (d: string) => new Date(`${d}T00:00:00Z`).getTime() / 86_400_000;

  test('user_steady_biweekly: payroll every 14 days on Fridays, never overdrawn', () => {
    const checking = gen('user_steady_biweekly').accounts[0];
    const pay = checking.transactions.filter((x) => x.pfc_detailed === 'INCOME_WAGES');
    expect(pay.length).toBeGreaterThanOrEqual(6);
    for (let i = 1; i < pay.length; i++) expect(days(pay[i].date) - days(pay[i - 1].date)).toBe(14);
    expect(pay.every((x) => new Date(`${x.date}T00:00:00Z`).getUTCDay() === 5)).toBe(true);
    expect(checking.transactions.some((x) => x.pfc_detailed === 'BANK_FEES_OVERDRAFT_FEES')).toBe(false);
    expect(checking.transactions.some((x) => x.pfc_detailed === 'RENT_AND_UTILITIES_RENT')).toBe(true);
  });

  test('user_gig_irregular: income from several platforms at irregular intervals and amounts', () => {
    const income = gen('user_gig_irregular').accounts[0].transactions.filter((x) => x.amount_cents < 0);
    expect(new Set(income.map((x) => x.merchant_name)).size).toBeGreaterThanOrEqual(3);
    const gaps = new Set(income.slice(1).map((x, i) => days(x.date) - days(income[i].date)));
    expect(gaps.size).toBeGreaterThan(3);
    const amounts = income.map((x) => -x.amount_cents);
    expect(Math.max(...amounts) / Math.min(...amounts)).toBeGreaterThan(3);
  });

  test('user_overdrafts: the balance goes negative repeatedly, with overdraft fees', () => {
    const checking = gen('user_overdrafts').accounts[0];
    let balance = (checking.current_cents ?? 0) + checking.transactions.filter((x) => !x.pending).reduce((s, x) => s + x.amount_cents, 0);
    let episodes = 0;
    let negative = false;
    for (const x of checking.transactions.filter((y) => !y.pending)) {
      balance -= x.amount_cents;
      if (balance < 0 && !negative) episodes++;
      negative = balance < 0;
    }
    expect(episodes).toBeGreaterThanOrEqual(3);
    expect(checking.transactions.filter((x) => x.pfc_detailed === 'BANK_FEES_OVERDRAFT_FEES').length).toBeGreaterThanOrEqual(3);
  });

  test('user_no_income: no money comes in', () => {
    const item = gen('user_no_income');
    expect(item.accounts.flatMap((a) => a.transactions).filter((x) => x.amount_cents < 0)).toEqual([]);
  });

  test('user_login_expired: Item created, data calls fail with ITEM_LOGIN_REQUIRED', async () => {
    const { accessToken } = await linkItem(t, { username: 'user_login_expired' });
    c.error('/accounts/get', await plaidFailure(t.plaid.accountsGet({ access_token: accessToken })), 'ITEM_LOGIN_REQUIRED');
    c.error('/transactions/sync', await plaidFailure(t.plaid.transactionsSync({ access_token: accessToken })), 'ITEM_LOGIN_REQUIRED');
    const item = (await t.plaid.itemGet({ access_token: accessToken })).data;
    c.ok('/item/get', item);
    expect(item.item.error?.error_code).toBe('ITEM_LOGIN_REQUIRED');
    // Link update mode: a link token for the access token, the user logs in again.
    const { data: link } = await t.plaid.linkTokenCreate({ client_name: 'Timely', language: 'en', country_codes: [CountryCode.Us], user: { client_user_id: 'c' }, access_token: accessToken });
    const done = await t.control<{ item_id: string; update_mode: boolean }>('/link/complete', { link_token: link.link_token });
    expect(done).toMatchObject({ update_mode: true });
    c.ok('/accounts/get', (await t.plaid.accountsGet({ access_token: accessToken })).data);
  });

  test('an unknown username or a wrong password is INVALID_CREDENTIALS', async () => {
    for (const options of [{ override_username: 'user_nobody', override_password: 'pass_good' }, { override_username: 'user_overdrafts', override_password: 'pass_bad' }])
      c.error(
        '/sandbox/public_token/create',
        await plaidFailure(t.plaid.sandboxPublicTokenCreate({ institution_id: 'ins_109508', initial_products: [Products.Transactions], options })),
        'INVALID_CREDENTIALS',
      );
  });
});

describe('identity', () => {
  test('set by the JSON password', async () => {
    const password = JSON.stringify({ identity: { names: ['Dana Q. Customer'], emails: ['dana@example.com'], phone_numbers: ['+1 555-010-2000'], addresses: [{ street: '1 Main St', city: 'Austin', region: 'TX', postal_code: '78701', country: 'US' }] } });
    const { accessToken } = await linkItem(t, { username: 'user_steady_biweekly', password });
    const { data } = await t.plaid.identityGet({ access_token: accessToken });
    c.ok('/identity/get', data);
    expect(data.accounts[0].owners).toEqual([
      {
        names: ['Dana Q. Customer'],
        emails: [{ data: 'dana@example.com', primary: true, type: 'primary' }],
        phone_numbers: [{ data: '+1 555-010-2000', primary: true, type: 'mobile' }],
        addresses: [{ data: { street: '1 Main St', city: 'Austin', region: 'TX', postal_code: '78701', country: 'US' }, primary: true }],
      },
    ]);
  });

  test('taken from the Link token user when Link is completed through the control', async () => {
    const { data: link } = await t.plaid.linkTokenCreate({
      client_name: 'Timely',
      language: 'en',
      country_codes: [CountryCode.Us],
      products: [Products.Transactions],
      user: { client_user_id: 'cust-9', legal_name: 'Robin Example', email_address: 'robin@example.com', phone_number: '+14155550199' },
    });
    const done = await t.control<{ public_token: string }>('/link/complete', { link_token: link.link_token, username: 'user_no_income' });
    const { data: ex } = await t.plaid.itemPublicTokenExchange({ public_token: done.public_token });
    const { data } = await t.plaid.identityGet({ access_token: ex.access_token });
    expect(data.accounts[0].owners[0]).toMatchObject({ names: ['Robin Example'], emails: [{ data: 'robin@example.com' }], phone_numbers: [{ data: '+14155550199' }] });
  });

  test('set by the control afterwards', async () => {
    const { accessToken } = await linkItem(t);
    await t.control('/identity/set', { access_token: accessToken, owners: [{ names: ['Changed Name'], emails: ['changed@example.com'] }] });
    const { data } = await t.plaid.identityGet({ access_token: accessToken });
    c.ok('/identity/get', data);
    expect(data.accounts.every((a) => a.owners[0].names[0] === 'Changed Name')).toBe(true);
  });
});

test('user_custom: accounts, balances and transactions from the JSON password', async () => {
  const password = JSON.stringify({
    override_accounts: [
      {
        type: 'depository',
        subtype: 'checking',
        starting_balance: 500,
        meta: { name: 'Custom Checking', mask: '4242' },
        transactions: [
          { date_transacted: '2025-03-01', date_posted: '2025-03-02', amount: 100, description: 'RENT' },
          { date_transacted: '2025-03-07', date_posted: '2025-03-07', amount: -250.55, description: 'PAYROLL' },
        ],
      },
    ],
  });
  const { accessToken } = await linkItem(t, { username: 'user_custom', password });
  const { data } = await t.plaid.accountsGet({ access_token: accessToken });
  expect(data.accounts).toHaveLength(1);
  expect(data.accounts[0]).toMatchObject({ name: 'Custom Checking', mask: '4242', balances: { current: 650.55, available: 650.55 } });
  const txns = await history(accessToken);
  expect(txns.map((x) => [x.date, x.amount, x.name])).toEqual([
    ['2025-03-02', 100, 'RENT'],
    ['2025-03-07', -250.55, 'PAYROLL'],
  ]);
});
