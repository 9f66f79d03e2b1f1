/**
 * Plaid Transfer in the sandbox: authorization decisions, idempotency, the lifecycle through
 * /sandbox/transfer/simulate, event sync by after_id, cancellation, webhooks, and balances
 * moving when a transfer settles.
 */
import { type PlaidApi, TransferEventType } from 'plaid';
import { Conformance } from './test/conformance';
import { plaidFailure, startTestSandbox, type TestSandbox } from './test/harness';
import { authorizationRequest, checkingOf, createTransfer } from './test/transfers';
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

const simulate = (transfer_id: string, event_type: string, extra: Record<string, unknown> = {}) => t.plaid.sandboxTransferSimulate({ transfer_id, event_type, ...extra });
const status = async (id: string) => (await t.plaid.transferGet({ transfer_id: id })).data.transfer;
const balance = async (accessToken: string, accountId: string) => (await t.plaid.accountsBalanceGet({ access_token: accessToken, options: { account_ids: [accountId] } })).data.accounts[0].balances;

describe('authorization decisions (Sandbox rules)', () => {
  test('below available -> approved; above -> declined NSF; available exactly 0 -> declined RISK', async () => {
    const { accessToken, accountId } = await checkingOf(t); // user_good: available 100
    const ok = (await t.plaid.transferAuthorizationCreate(authorizationRequest(accessToken, accountId, 'debit', '99.99'))).data;
    c.ok('/transfer/authorization/create', ok);
    expect(ok.authorization).toMatchObject({ decision: 'approved', decision_rationale: null, proposed_transfer: { amount: '99.99', type: 'debit', account_id: accountId } });

    const nsf = (await t.plaid.transferAuthorizationCreate(authorizationRequest(accessToken, accountId, 'debit', '100.01'))).data;
    c.ok('/transfer/authorization/create', nsf);
    expect(nsf.authorization).toMatchObject({ decision: 'declined', decision_rationale: { code: 'NSF' } });

    await t.control('/accounts/balance', { account_id: accountId, available: 0 });
    const risk = (await t.plaid.transferAuthorizationCreate(authorizationRequest(accessToken, accountId, 'debit', '1.00'))).data;
    expect(risk.authorization).toMatchObject({ decision: 'declined', decision_rationale: { code: 'RISK' } });
    // A credit pays into the account: its balance does not matter.
    expect((await t.plaid.transferAuthorizationCreate(authorizationRequest(accessToken, accountId, 'credit', '50.00'))).data.authorization.decision).toBe('approved');
  });

  test('after reset_login -> user_action_required', async () => {
    const { accessToken, accountId } = await checkingOf(t);
    await t.plaid.sandboxItemResetLogin({ access_token: accessToken });
    const { data } = await t.plaid.transferAuthorizationCreate(authorizationRequest(accessToken, accountId, 'debit', '10.00'));
    c.ok('/transfer/authorization/create', data);
    expect(data.authorization.decision).toBe('user_action_required');
  });

  test('idempotency_key (up to 50 chars) returns the first authorization', async () => {
    const { accessToken, accountId } = await checkingOf(t);
    const key = `transfer-adv-123-debit-1-${'x'.repeat(25)}`; // exactly 50
    const a = (await t.plaid.transferAuthorizationCreate(authorizationRequest(accessToken, accountId, 'debit', '10.00', { idempotency_key: key }))).data;
    const b = (await t.plaid.transferAuthorizationCreate(authorizationRequest(accessToken, accountId, 'debit', '10.00', { idempotency_key: key }))).data;
    expect(b.authorization.id).toBe(a.authorization.id);
    c.error('/transfer/authorization/create', await plaidFailure(t.plaid.transferAuthorizationCreate(authorizationRequest(accessToken, accountId, 'debit', '10.00', { idempotency_key: `${key}y` }))), 'INVALID_FIELD');
  });

  test('bad amounts and accounts', async () => {
    const { accessToken, accountId } = await checkingOf(t);
    for (const amount of ['-1.00', '1.234', 'ten', '0.00'])
      c.error('/transfer/authorization/create', await plaidFailure(t.plaid.transferAuthorizationCreate(authorizationRequest(accessToken, accountId, 'debit', amount))), 'INVALID_FIELD');
    c.error('/transfer/authorization/create', await plaidFailure(t.plaid.transferAuthorizationCreate(authorizationRequest(accessToken, 'nope', 'debit', '1.00'))), 'INVALID_ACCOUNT_ID');
  });
});

describe('transfers', () => {
  test('/transfer/create is idempotent on authorization_id; an authorization expires after 1 hour', async () => {
    const { accessToken, accountId } = await checkingOf(t);
    const { data: auth } = await t.plaid.transferAuthorizationCreate(authorizationRequest(accessToken, accountId, 'debit', '25.00'));
    const req = { access_token: accessToken, account_id: accountId, authorization_id: auth.authorization.id, description: 'Repayment' };
    const first = (await t.plaid.transferCreate(req)).data;
    c.ok('/transfer/create', first);
    expect(first.transfer).toMatchObject({ status: 'pending', amount: '25.00', type: 'debit', cancellable: true, failure_reason: null });
    const second = (await t.plaid.transferCreate(req)).data;
    expect(second.transfer.id).toBe(first.transfer.id);
    const events = (await t.plaid.transferEventList({ transfer_id: first.transfer.id })).data;
    expect(events.transfer_events.map((e) => e.event_type)).toEqual(['pending']);

    const { data: late } = await t.plaid.transferAuthorizationCreate(authorizationRequest(accessToken, accountId, 'debit', '5.00'));
    t.clock.advance(3600 * 1000 + 1);
    c.error('/transfer/create', await plaidFailure(t.plaid.transferCreate({ ...req, authorization_id: late.authorization.id })), 'INVALID_FIELD');
    // The transfer made before expiry is still returned for its authorization.
    expect((await t.plaid.transferCreate(req)).data.transfer.id).toBe(first.transfer.id);
  });

  test('a declined authorization cannot make a transfer', async () => {
    const { accessToken, accountId } = await checkingOf(t);
    const { data: auth } = await t.plaid.transferAuthorizationCreate(authorizationRequest(accessToken, accountId, 'debit', '5000.00'));
    c.error('/transfer/create', await plaidFailure(t.plaid.transferCreate({ access_token: accessToken, account_id: accountId, authorization_id: auth.authorization.id, description: 'Repayment' })), 'INVALID_FIELD');
  });

  test('debit lifecycle via simulate: pending -> posted -> settled -> funds_available; settlement moves the balance and adds a transaction', async () => {
    const { accessToken, accountId } = await checkingOf(t, { webhook: receiver.url });
    const base = await t.plaid.transactionsSync({ access_token: accessToken, count: 500 });
    const id = await createTransfer(t, accessToken, accountId, 'debit', '40.00');

    c.ok('/sandbox/transfer/simulate', (await simulate(id, 'posted')).data);
    expect((await status(id)).status).toBe('posted');
    expect(await balance(accessToken, accountId)).toMatchObject({ available: 100, current: 110 });
    await simulate(id, 'settled');
    const settled = await status(id);
    expect(settled).toMatchObject({ status: 'settled', cancellable: false });
    expect(settled.standard_return_window).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await balance(accessToken, accountId)).toMatchObject({ available: 60, current: 70 });
    await simulate(id, 'funds_available');
    c.ok('/transfer/get', (await t.plaid.transferGet({ transfer_id: id })).data);
    expect((await status(id)).status).toBe('funds_available');

    const delta = await t.plaid.transactionsSync({ access_token: accessToken, cursor: base.data.next_cursor });
    expect(delta.data.added).toEqual([expect.objectContaining({ account_id: accountId, amount: 40, name: 'TIMELY REPAYMENT', pending: false })]);
    const events = (await t.plaid.transferEventList({ transfer_id: id })).data.transfer_events;
    expect(events.map((e) => e.event_type)).toEqual(['funds_available', 'settled', 'posted', 'pending']);
    // TRANSFER_EVENTS_UPDATE went to the Item's webhook (no other URL configured).
    const hook = await receiver.waitFor((w) => w.body.webhook_code === 'TRANSFER_EVENTS_UPDATE');
    c.webhook('TransferEventsUpdateWebhook', hook.body);
  });

  test('credit settles into the account and ends at settled', async () => {
    const { accessToken, accountId } = await checkingOf(t);
    const id = await createTransfer(t, accessToken, accountId, 'credit', '75.50');
    await simulate(id, 'posted');
    await simulate(id, 'settled');
    expect(await balance(accessToken, accountId)).toMatchObject({ available: 175.5, current: 185.5 });
    c.error('/sandbox/transfer/simulate', await plaidFailure(simulate(id, 'funds_available')), 'SANDBOX_TRANSFER_EVENT_TRANSITION_INVALID');
  });

  test('invalid transitions and unknown transfers', async () => {
    const { accessToken, accountId } = await checkingOf(t);
    const id = await createTransfer(t, accessToken, accountId, 'debit', '1.00');
    c.error('/sandbox/transfer/simulate', await plaidFailure(simulate(id, 'settled')), 'SANDBOX_TRANSFER_EVENT_TRANSITION_INVALID');
    c.error('/sandbox/transfer/simulate', await plaidFailure(simulate(id, 'exploded')), 'INVALID_FIELD');
    c.error('/sandbox/transfer/simulate', await plaidFailure(simulate('00000000-0000-0000-0000-000000000000', 'posted')), 'INVALID_FIELD');
    c.error('/transfer/get', await plaidFailure(t.plaid.transferGet({ transfer_id: 'nope' })), 'INVALID_FIELD');
  });

  test('posted -> returned with an ACH return code; pending -> failed', async () => {
    const { accessToken, accountId } = await checkingOf(t);
    const id = await createTransfer(t, accessToken, accountId, 'debit', '30.00');
    await simulate(id, 'posted');
    await simulate(id, 'returned', { failure_reason: { failure_code: 'R01' } });
    expect((await status(id))).toMatchObject({ status: 'returned', failure_reason: { failure_code: 'R01', description: 'Insufficient funds' } });
    const [returned] = (await t.plaid.transferEventList({ transfer_id: id, event_types: [TransferEventType.Returned] })).data.transfer_events;
    expect(returned.failure_reason).toMatchObject({ failure_code: 'R01' });
    expect(await balance(accessToken, accountId)).toMatchObject({ available: 100, current: 110 });

    const id2 = await createTransfer(t, accessToken, accountId, 'debit', '30.00');
    await simulate(id2, 'failed');
    expect((await status(id2))).toMatchObject({ status: 'failed', failure_reason: { failure_code: null } });
  });

  test('/transfer/cancel: only while pending', async () => {
    const { accessToken, accountId } = await checkingOf(t);
    const id = await createTransfer(t, accessToken, accountId, 'debit', '5.00');
    c.ok('/transfer/cancel', (await t.plaid.transferCancel({ transfer_id: id })).data);
    expect((await status(id))).toMatchObject({ status: 'cancelled', cancellable: false });
    const id2 = await createTransfer(t, accessToken, accountId, 'debit', '5.00');
    await simulate(id2, 'posted');
    c.error('/transfer/cancel', await plaidFailure(t.plaid.transferCancel({ transfer_id: id2 })), 'TRANSFER_NOT_CANCELLABLE');
  });

  test('simulate with a webhook URL sends TRANSFER_EVENTS_UPDATE there', async () => {
    const { accessToken, accountId } = await checkingOf(t);
    const other = await new WebhookReceiver().start();
    try {
      const id = await createTransfer(t, accessToken, accountId, 'debit', '2.00');
      await simulate(id, 'posted', { webhook: other.url });
      c.webhook('TransferEventsUpdateWebhook', (await other.waitFor((w) => w.body.webhook_code === 'TRANSFER_EVENTS_UPDATE')).body);
    } finally {
      await other.stop();
    }
  });
});

describe('event sync and lists', () => {
  async function drain(plaid: PlaidApi, afterId: number, count: number) {
    const ids: number[] = [];
    let after = afterId;
    for (;;) {
      const { data } = await plaid.transferEventSync({ after_id: after, count });
      c.ok('/transfer/event/sync', data);
      ids.push(...data.transfer_events.map((e) => e.event_id));
      if (data.transfer_events.length > 0) after = data.transfer_events[data.transfer_events.length - 1].event_id;
      if (!data.has_more) return { ids, after };
    }
  }

  test('after_id pages through sequential event ids; a later sync returns only new events', async () => {
    const { accessToken, accountId } = await checkingOf(t);
    const start = await drain(t.plaid, 0, 500);
    for (let i = 1; i < start.ids.length; i++) expect(start.ids[i]).toBe(start.ids[i - 1] + 1);
    const id = await createTransfer(t, accessToken, accountId, 'debit', '3.00');
    await simulate(id, 'posted');
    const next = await drain(t.plaid, start.after, 1);
    expect(next.ids[0]).toBe(start.after + 1);
    for (let i = 1; i < next.ids.length; i++) expect(next.ids[i]).toBe(next.ids[i - 1] + 1);
    const mine = (await t.plaid.transferEventSync({ after_id: start.after, count: 500 })).data.transfer_events.filter((e) => e.transfer_id === id);
    expect(mine.map((e) => [e.event_type, e.transfer_amount, e.transfer_type])).toEqual([
      ['pending', '3.00', 'debit'],
      ['posted', '3.00', 'debit'],
    ]);
    c.error('/transfer/event/sync', await plaidFailure(t.plaid.transferEventSync({ after_id: 0, count: 501 })), 'INVALID_FIELD');
  });

  test('/transfer/list and /transfer/event/list', async () => {
    const { accessToken, accountId } = await checkingOf(t);
    const id = await createTransfer(t, accessToken, accountId, 'credit', '12.00');
    // Bounded to this test's clock: other test files share the database and create transfers too.
    const at = t.clock.now().getTime();
    const window = { start_date: new Date(at - 60_000).toISOString(), end_date: new Date(at + 60_000).toISOString() };
    const list = (await t.plaid.transferList({ count: 25, ...window })).data;
    c.ok('/transfer/list', list);
    // Page with offset until this transfer shows up (or the list ends).
    let found = list.transfers.some((x) => x.id === id);
    for (let offset = 25; !found; offset += 25) {
      const page = (await t.plaid.transferList({ count: 25, offset, ...window })).data.transfers;
      if (page.length === 0) break;
      found = page.some((x) => x.id === id);
    }
    expect(found).toBe(true);
    const events = (await t.plaid.transferEventList({ account_id: accountId, count: 1 })).data;
    c.ok('/transfer/event/list', events);
    expect(events).toMatchObject({ has_more: false, transfer_events: [{ transfer_id: id, event_type: 'pending' }] });
  });
});
