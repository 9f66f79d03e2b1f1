/**
 * The automatic transfer lifecycle (dev): transfers advance on the sandbox clock, a debit the
 * account cannot cover at settlement comes back returned R01, and settlement moves the balance.
 * This sandbox's clock starts in 2020 so its pass never touches transfers that other test files
 * (clocks in 2025, same database) are driving by hand.
 */
import { ManualClock } from './clock';
import { Conformance } from './test/conformance';
import { startTestSandbox, type TestSandbox } from './test/harness';
import { checkingOf, createTransfer } from './test/transfers';
import { WebhookReceiver } from './test/webhook-receiver';

const c = new Conformance();
let t: TestSandbox;
let receiver: WebhookReceiver;
const start = new Date('2020-01-06T15:00:00Z');

beforeAll(async () => {
  receiver = await new WebhookReceiver().start();
  t = await startTestSandbox({
    clock: new ManualClock(start),
    transferClock: { enabled: true, postAfterMs: 60_000, settleAfterMs: 3_600_000, fundsAvailableAfterMs: 2 * 86_400_000, tickMs: 60_000 },
    transferWebhookUrl: receiver.url,
  });
});
afterAll(async () => {
  await t?.close();
  await receiver?.stop();
});

const transfer = async (id: string) => (await t.plaid.transferGet({ transfer_id: id })).data.transfer;
const balance = async (accessToken: string, accountId: string) => (await t.plaid.accountsGet({ access_token: accessToken })).data.accounts.find((a) => a.account_id === accountId)!.balances;

test('a credit moves pending -> posted -> settled on the clock and stops there', async () => {
  const { accessToken, accountId } = await checkingOf(t);
  const id = await createTransfer(t, accessToken, accountId, 'credit', '20.00');
  t.clock.advance(30_000);
  await t.sandbox.advanceTransfers();
  expect((await transfer(id)).status).toBe('pending');
  t.clock.advance(30_000);
  await t.sandbox.advanceTransfers();
  expect((await transfer(id)).status).toBe('posted');
  t.clock.advance(3_600_000);
  await t.sandbox.advanceTransfers();
  expect((await transfer(id)).status).toBe('settled');
  expect(await balance(accessToken, accountId)).toMatchObject({ current: 130, available: 120 });
  t.clock.advance(5 * 86_400_000);
  await t.sandbox.advanceTransfers();
  expect((await transfer(id)).status).toBe('settled');
});

test('advancing the clock by days replays a covered debit to funds_available, steps dated when due', async () => {
  const { accessToken, accountId } = await checkingOf(t);
  const id = await createTransfer(t, accessToken, accountId, 'debit', '30.00');
  const created = new Date((await transfer(id)).created).getTime();
  await t.control('/clock/advance', { days: 3 });
  const done = await transfer(id);
  c.ok('/transfer/get', { transfer: done, request_id: 'x' });
  expect(done.status).toBe('funds_available');
  const events = (await t.plaid.transferEventList({ transfer_id: id })).data.transfer_events.reverse();
  expect(events.map((e) => [e.event_type, new Date(e.timestamp).getTime() - created])).toEqual([
    ['pending', 0],
    ['posted', 60_000],
    ['settled', 60_000 + 3_600_000],
    ['funds_available', 60_000 + 3_600_000 + 2 * 86_400_000],
  ]);
  expect(await balance(accessToken, accountId)).toMatchObject({ current: 80, available: 70 });
});

test('a debit the account cannot cover at settlement comes back returned R01, the balance untouched', async () => {
  const { accessToken, accountId } = await checkingOf(t);
  const id = await createTransfer(t, accessToken, accountId, 'debit', '80.00'); // approved: available 100
  await t.control('/accounts/balance', { account_id: accountId, available: 10, current: 20 });
  await t.control('/clock/advance', { days: 3 });
  expect(await transfer(id)).toMatchObject({ status: 'returned', failure_reason: { failure_code: 'R01', description: 'Insufficient funds' } });
  expect(await balance(accessToken, accountId)).toMatchObject({ current: 20, available: 10 });
  const returned = (await t.plaid.transferEventList({ transfer_id: id, count: 1 })).data.transfer_events[0];
  expect(returned).toMatchObject({ event_type: 'returned', failure_reason: { failure_code: 'R01' } });
  // TRANSFER_EVENTS_UPDATE reached the configured transfer webhook URL.
  c.webhook('TransferEventsUpdateWebhook', (await receiver.waitFor((w) => w.body.webhook_code === 'TRANSFER_EVENTS_UPDATE')).body);
});
