/**
 * POST /__sandbox/transfers/return: the customer's bank returns a transfer after it posted,
 * settled or its funds became available (consumer returns come up to 60 days later), with the
 * `returned` event and TRANSFER_EVENTS_UPDATE Plaid would send; the settled money goes back.
 */
import { TransferEventType } from 'plaid';
import { Conformance } from './test/conformance';
import { plaidFailure, startTestSandbox, type TestSandbox } from './test/harness';
import { controlFailure } from './test/link';
import { checkingOf, createTransfer } from './test/transfers';
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

const simulate = (transfer_id: string, event_type: string) => t.plaid.sandboxTransferSimulate({ transfer_id, event_type });
const balance = async (accessToken: string, accountId: string) => (await t.plaid.accountsBalanceGet({ access_token: accessToken, options: { account_ids: [accountId] } })).data.accounts[0].balances;
const returnTransfer = (transfer_id: string, code?: string) => t.control<{ transfer: { status: string }; event_id: number; returned_from: string; reversed: boolean }>('/transfers/return', { transfer_id, ...(code ? { code } : {}) });

test('a settled debit returned with R10: returned event with the code, TRANSFER_EVENTS_UPDATE, the money goes back', async () => {
  const { accessToken, accountId } = await checkingOf(t, { webhook: receiver.url });
  const id = await createTransfer(t, accessToken, accountId, 'debit', '40.00');
  await simulate(id, 'posted');
  await simulate(id, 'settled');
  expect(await balance(accessToken, accountId)).toMatchObject({ available: 60, current: 70 });
  const base = (await t.plaid.transactionsSync({ access_token: accessToken, count: 500 })).data;
  const before = receiver.received.length;

  const done = await returnTransfer(id, 'R10');
  expect(done).toMatchObject({ returned_from: 'settled', reversed: true, transfer: { status: 'returned' } });
  const { data } = await t.plaid.transferGet({ transfer_id: id });
  c.ok('/transfer/get', data);
  expect(data.transfer).toMatchObject({ status: 'returned', failure_reason: { failure_code: 'R10', ach_return_code: 'R10', description: 'Customer advises not authorized' } });

  const events = (await t.plaid.transferEventList({ transfer_id: id })).data;
  c.ok('/transfer/event/list', events);
  expect(events.transfer_events.map((e) => e.event_type)).toEqual(['returned', 'settled', 'posted', 'pending']);
  expect(events.transfer_events[0]).toMatchObject({ event_id: done.event_id, failure_reason: { failure_code: 'R10' }, transfer_amount: '40.00' });

  const hook = await receiver.waitFor((w) => receiver.received.indexOf(w) >= before && w.body.webhook_code === 'TRANSFER_EVENTS_UPDATE');
  c.webhook('TransferEventsUpdateWebhook', hook.body);
  expect(await balance(accessToken, accountId)).toMatchObject({ available: 100, current: 110 });
  const delta = (await t.plaid.transactionsSync({ access_token: accessToken, cursor: base.next_cursor })).data;
  expect(delta.added).toEqual([expect.objectContaining({ amount: -40, name: 'TIMELY REPAYMENT RETURN', pending: false })]);
});

test('funds_available 59 days later: still returnable (consumer returns come up to 60 days later)', async () => {
  const { accessToken, accountId } = await checkingOf(t);
  const id = await createTransfer(t, accessToken, accountId, 'debit', '25.00');
  for (const step of ['posted', 'settled', 'funds_available']) await simulate(id, step);
  t.clock.advance(59 * 24 * 3600 * 1000);
  expect(await returnTransfer(id, 'R07')).toMatchObject({ returned_from: 'funds_available', reversed: true });
  const [returned] = (await t.plaid.transferEventList({ transfer_id: id, event_types: [TransferEventType.Returned] })).data.transfer_events;
  expect(returned.failure_reason).toMatchObject({ failure_code: 'R07', description: 'Authorization revoked by customer' });
  expect(new Date(returned.timestamp).getTime()).toBe(t.clock.now().getTime());
  expect(await balance(accessToken, accountId)).toMatchObject({ available: 100, current: 110 });
});

test('a posted debit (not booked yet) returns without moving money; code defaults to R01', async () => {
  const { accessToken, accountId } = await checkingOf(t);
  const id = await createTransfer(t, accessToken, accountId, 'debit', '10.00');
  await simulate(id, 'posted');
  expect(await returnTransfer(id)).toMatchObject({ returned_from: 'posted', reversed: false });
  expect((await t.plaid.transferGet({ transfer_id: id })).data.transfer.failure_reason).toMatchObject({ failure_code: 'R01', description: 'Insufficient funds' });
  expect(await balance(accessToken, accountId)).toMatchObject({ available: 100, current: 110 });
});

test('a settled credit (an advance paid out) returned with R02: the money leaves the account again', async () => {
  const { accessToken, accountId } = await checkingOf(t);
  const id = await createTransfer(t, accessToken, accountId, 'credit', '75.50');
  await simulate(id, 'posted');
  await simulate(id, 'settled');
  expect(await balance(accessToken, accountId)).toMatchObject({ available: 175.5, current: 185.5 });
  expect(await returnTransfer(id, 'R02')).toMatchObject({ returned_from: 'settled', reversed: true });
  expect(await balance(accessToken, accountId)).toMatchObject({ available: 100, current: 110 });
});

test('refused: pending, cancelled, failed, already returned; unknown codes and transfers', async () => {
  const { accessToken, accountId } = await checkingOf(t);
  const refused = async (id: string, code = 'R01') => c.error('/__sandbox/transfers/return', await controlFailure(t, '/transfers/return', { transfer_id: id, code }), 'SANDBOX_TRANSFER_EVENT_TRANSITION_INVALID');
  const pending = await createTransfer(t, accessToken, accountId, 'debit', '1.00');
  await refused(pending);
  const cancelled = await createTransfer(t, accessToken, accountId, 'debit', '1.00');
  await t.plaid.transferCancel({ transfer_id: cancelled });
  await refused(cancelled);
  const failed = await createTransfer(t, accessToken, accountId, 'debit', '1.00');
  await simulate(failed, 'failed');
  await refused(failed);
  const returned = await createTransfer(t, accessToken, accountId, 'debit', '1.00');
  await simulate(returned, 'posted');
  await returnTransfer(returned);
  await refused(returned, 'R02');

  const posted = await createTransfer(t, accessToken, accountId, 'debit', '1.00');
  await simulate(posted, 'posted');
  c.error('/__sandbox/transfers/return', await controlFailure(t, '/transfers/return', { transfer_id: posted, code: 'R99' }), 'INVALID_FIELD');
  c.error('/__sandbox/transfers/return', await controlFailure(t, '/transfers/return', { transfer_id: '00000000-0000-0000-0000-000000000000' }), 'INVALID_FIELD');
  c.error('/__sandbox/transfers/return', await controlFailure(t, '/transfers/return', { transfer_id: 'nope' }), 'INVALID_FIELD');
  c.error('/__sandbox/transfers/return', await controlFailure(t, '/transfers/return', {}), 'MISSING_FIELDS');
  // Plaid's own simulate still allows `returned` only from posted.
  const settled = await createTransfer(t, accessToken, accountId, 'debit', '1.00');
  await simulate(settled, 'posted');
  await simulate(settled, 'settled');
  c.error('/sandbox/transfer/simulate', await plaidFailure(simulate(settled, 'returned')), 'SANDBOX_TRANSFER_EVENT_TRANSITION_INVALID');
});
