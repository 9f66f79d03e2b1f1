/**
 * /transactions/sync behaves like Plaid's: pages of `count` with has_more, a final cursor from
 * which the next sync returns only what changed, pending -> posted as removed + added with
 * pending_transaction_id, and TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION when data changes
 * mid-pagination.
 */
import type { PlaidApi, RemovedTransaction, Transaction } from 'plaid';
import { Conformance } from './test/conformance';
import { linkItem, plaidFailure, startTestSandbox, type TestSandbox } from './test/harness';
import { WebhookReceiver } from './test/webhook-receiver';

const c = new Conformance();
let t: TestSandbox;
let receiver: WebhookReceiver;

beforeAll(async () => {
  t = await startTestSandbox();
  receiver = await new WebhookReceiver().start();
});
afterAll(async () => {
  await t?.close();
  await receiver?.stop();
});

/** Plaid's recommended loop: page until has_more is false. */
async function syncAll(plaid: PlaidApi, accessToken: string, cursor: string | undefined, count?: number) {
  const added: Transaction[] = [];
  const modified: Transaction[] = [];
  const removed: RemovedTransaction[] = [];
  let pages = 0;
  for (;;) {
    const { data } = await plaid.transactionsSync({ access_token: accessToken, cursor, count });
    c.ok('/transactions/sync', data);
    pages++;
    added.push(...data.added);
    modified.push(...data.modified);
    removed.push(...data.removed);
    cursor = data.next_cursor;
    if (!data.has_more) return { added, modified, removed, cursor, pages };
  }
}

test('full history comes in pages of count (default 100) with has_more, then nothing new', async () => {
  const { accessToken } = await linkItem(t, { username: 'user_steady_biweekly' });
  const first = await t.plaid.transactionsSync({ access_token: accessToken });
  expect(first.data.added).toHaveLength(100);
  expect(first.data.has_more).toBe(true);
  expect(first.data.transactions_update_status).toBe('HISTORICAL_UPDATE_COMPLETE');

  const all = await syncAll(t.plaid, accessToken, undefined, 50);
  expect(all.pages).toBeGreaterThan(2);
  expect(new Set(all.added.map((x) => x.transaction_id)).size).toBe(all.added.length);
  expect(all.modified).toEqual([]);
  expect(all.removed).toEqual([]);

  const again = await t.plaid.transactionsSync({ access_token: accessToken, cursor: all.cursor });
  c.ok('/transactions/sync', again.data);
  expect(again.data).toMatchObject({ added: [], modified: [], removed: [], has_more: false, next_cursor: all.cursor });
});

test('a second sync from the last cursor returns only the changes', async () => {
  const { accessToken, itemId } = await linkItem(t, { username: 'user_gig_irregular', webhook: receiver.url });
  const base = await syncAll(t.plaid, accessToken, undefined, 500);
  const pending = base.added.find((x) => x.pending)!;
  const posted = base.added.find((x) => !x.pending)!;
  expect(pending).toBeDefined();

  const { transaction_ids: [newId] } = await t.control<{ transaction_ids: string[] }>('/transactions/add', {
    access_token: accessToken,
    transactions: [{ amount: 12.5, name: 'CORNER STORE', merchant_name: 'Corner Store' }],
  });
  const { transaction_id: postedId } = await t.control<{ transaction_id: string }>('/transactions/post', { transaction_id: pending.transaction_id });
  await t.control('/transactions/modify', { transaction_id: posted.transaction_id, amount: posted.amount + 1 });
  await receiver.waitFor((w) => w.body.item_id === itemId && w.body.webhook_code === 'SYNC_UPDATES_AVAILABLE');

  const delta = await syncAll(t.plaid, accessToken, base.cursor);
  expect(delta.added.map((x) => x.transaction_id).sort()).toEqual([newId, postedId].sort());
  expect(delta.added.find((x) => x.transaction_id === postedId)).toMatchObject({ pending: false, pending_transaction_id: pending.transaction_id });
  expect(delta.removed).toEqual([{ transaction_id: pending.transaction_id, account_id: pending.account_id }]);
  expect(delta.modified.map((x) => [x.transaction_id, x.amount])).toEqual([[posted.transaction_id, posted.amount + 1]]);
});

test('a transaction added and removed between two syncs is never seen', async () => {
  const { accessToken } = await linkItem(t, { username: 'user_no_income' });
  const base = await syncAll(t.plaid, accessToken, undefined, 500);
  const { transaction_ids: [id] } = await t.control<{ transaction_ids: string[] }>('/transactions/add', { access_token: accessToken, transactions: [{ amount: 3, name: 'GONE' }] });
  await t.control('/transactions/remove', { transaction_id: id });
  const delta = await syncAll(t.plaid, accessToken, base.cursor);
  expect([delta.added, delta.modified, delta.removed]).toEqual([[], [], []]);
});

test('data changing mid-pagination -> TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION; restarting from the first cursor works', async () => {
  const { accessToken } = await linkItem(t, { username: 'user_overdrafts' });
  const page1 = await t.plaid.transactionsSync({ access_token: accessToken, count: 10 });
  expect(page1.data.has_more).toBe(true);
  await t.control('/transactions/add', { access_token: accessToken, transactions: [{ amount: 9.99, name: 'MID PAGE' }] });
  c.error('/transactions/sync', await plaidFailure(t.plaid.transactionsSync({ access_token: accessToken, cursor: page1.data.next_cursor, count: 10 })), 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION');
  const restarted = await syncAll(t.plaid, accessToken, undefined, 100);
  expect(restarted.added.some((x) => x.name === 'MID PAGE')).toBe(true);
});

test('options.account_id limits the sync to one account; a cursor of another Item is refused', async () => {
  const a = await linkItem(t, { username: 'user_steady_biweekly' });
  const b = await linkItem(t, { username: 'user_good' });
  const { data } = await t.plaid.accountsGet({ access_token: a.accessToken });
  const savings = data.accounts.find((x) => x.subtype === 'savings')!;
  const only = await t.plaid.transactionsSync({ access_token: a.accessToken, count: 500, options: { account_id: savings.account_id } });
  c.ok('/transactions/sync', only.data);
  expect(only.data.added.length).toBeGreaterThan(0);
  expect(only.data.added.every((x) => x.account_id === savings.account_id)).toBe(true);
  expect(only.data.accounts.map((x) => x.account_id)).toEqual([savings.account_id]);
  const other = await t.plaid.transactionsSync({ access_token: b.accessToken });
  c.error('/transactions/sync', await plaidFailure(t.plaid.transactionsSync({ access_token: a.accessToken, cursor: other.data.next_cursor })), 'INVALID_FIELD');
});

test("amounts use Plaid's sign: payroll negative, spending positive", async () => {
  const { accessToken } = await linkItem(t, { username: 'user_steady_biweekly' });
  const all = await syncAll(t.plaid, accessToken, undefined, 500);
  const payroll = all.added.filter((x) => x.personal_finance_category?.detailed === 'INCOME_WAGES');
  expect(payroll.length).toBeGreaterThanOrEqual(6);
  expect(payroll.every((x) => x.amount < 0)).toBe(true);
  const rent = all.added.filter((x) => x.personal_finance_category?.detailed === 'RENT_AND_UTILITIES_RENT');
  expect(rent.length).toBeGreaterThanOrEqual(2);
  expect(rent.every((x) => x.amount > 0)).toBe(true);
});
