/**
 * Conformance: every endpoint of the sandbox, called through the REAL plaid client, answers
 * bodies that validate against Plaid's OpenAPI spec, for successes and for errors.
 */
import { CountryCode, Products, SandboxItemFireWebhookRequestWebhookCodeEnum, WebhookType } from 'plaid';
import { Conformance } from './test/conformance';
import { linkItem, plaidFailure, startTestSandbox, TEST_CREDENTIALS, type TestSandbox } from './test/harness';
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

const linkRequest = {
  client_name: 'Timely',
  language: 'en',
  country_codes: [CountryCode.Us],
  user: { client_user_id: 'customer-1' },
  products: [Products.Transactions, Products.Auth],
};

describe('credentials', () => {
  test('headers or body; missing or wrong -> INVALID_API_KEYS', async () => {
    const bare = t.clientWith({});
    c.ok('/link/token/create', (await bare.linkTokenCreate({ ...linkRequest, client_id: TEST_CREDENTIALS.clientId, secret: TEST_CREDENTIALS.secret })).data);
    c.error('/link/token/create', await plaidFailure(bare.linkTokenCreate(linkRequest)), 'INVALID_API_KEYS');
    const wrong = t.clientWith({ 'PLAID-CLIENT-ID': TEST_CREDENTIALS.clientId, 'PLAID-SECRET': 'nope' });
    c.error('/link/token/create', await plaidFailure(wrong.linkTokenCreate(linkRequest)), 'INVALID_API_KEYS');
  });
});

describe('request validation', () => {
  const post = (path: string, body: string, contentType = 'application/json') =>
    fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': contentType, 'plaid-client-id': TEST_CREDENTIALS.clientId, 'plaid-secret': TEST_CREDENTIALS.secret }, body }).then(
      async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }),
    );

  test('malformed JSON -> INVALID_BODY; unknown field -> UNKNOWN_FIELDS; missing -> MISSING_FIELDS; wrong type -> INVALID_FIELD', async () => {
    c.error('/item/get', await post('/item/get', '{"access_token":'), 'INVALID_BODY');
    c.error('/item/get', await post('/item/get', '{"access_token":"x"}', 'text/plain'), 'INVALID_BODY');
    const unknown = await post('/item/get', JSON.stringify({ access_token: 'access-sandbox-x', acess_token: 'typo' }));
    c.error('/item/get', unknown, 'UNKNOWN_FIELDS');
    expect(unknown.body.error_message).toContain('acess_token');
    const missing = await post('/transfer/authorization/create', JSON.stringify({ access_token: 'access-sandbox-x' }));
    c.error('/transfer/authorization/create', missing, 'MISSING_FIELDS');
    expect(missing.body.error_message).toBe('the following required fields are missing: account_id, type, network, amount, user');
    const m2 = await post('/item/public_token/exchange', '{}');
    c.error('/item/public_token/exchange', m2, 'MISSING_FIELDS');
    expect(m2.body.error_message).toBe('the following required fields are missing: public_token');
    c.error('/link/token/create', await post('/link/token/create', JSON.stringify({ ...linkRequest, language: 7 })), 'INVALID_FIELD');
  });

  test('unknown route -> 404 NOT_FOUND', async () => {
    const r = await post('/nope/get', '{}');
    expect(c.spec.problems('PlaidError', r.body)).toEqual([]);
    expect([r.status, r.body.error_code]).toEqual([404, 'NOT_FOUND']);
  });

  test('every field the spec defines for a request is accepted (and no other)', () => {
    for (const ep of t.sandbox.endpoints) {
      const spec = c.spec.requestFields(ep.path).filter((f) => f !== 'client_id' && f !== 'secret');
      expect({ path: ep.path, fields: [...ep.requestFields].sort() }).toEqual({ path: ep.path, fields: [...spec].sort() });
    }
  });
});

describe('Link handshake', () => {
  test('/link/token/create', async () => {
    const { data } = await t.plaid.linkTokenCreate({ ...linkRequest, webhook: receiver.url });
    c.ok('/link/token/create', data);
    expect(data.link_token).toMatch(/^link-sandbox-[0-9a-f-]{36}$/);
    c.error('/link/token/create', await plaidFailure(t.plaid.linkTokenCreate({ ...linkRequest, webhook: 'not a url' })), 'INVALID_FIELD');
    c.error('/link/token/create', await plaidFailure(t.plaid.linkTokenCreate({ ...linkRequest, user: undefined })), 'MISSING_FIELDS');
  });

  test('/sandbox/public_token/create and /item/public_token/exchange', async () => {
    const { data: pub } = await t.plaid.sandboxPublicTokenCreate({ institution_id: 'ins_109508', initial_products: [Products.Transactions] });
    c.ok('/sandbox/public_token/create', pub);
    expect(pub.public_token).toMatch(/^public-sandbox-[0-9a-f-]{36}$/);
    const { data: ex } = await t.plaid.itemPublicTokenExchange({ public_token: pub.public_token });
    c.ok('/item/public_token/exchange', ex);
    expect(ex.access_token).toMatch(/^access-sandbox-[0-9a-f-]{36}$/);
    // A retried exchange gets the same token back.
    expect((await t.plaid.itemPublicTokenExchange({ public_token: pub.public_token })).data.access_token).toBe(ex.access_token);

    c.error('/sandbox/public_token/create', await plaidFailure(t.plaid.sandboxPublicTokenCreate({ institution_id: 'ins_999', initial_products: [Products.Transactions] })), 'INVALID_INSTITUTION');
    c.error(
      '/sandbox/public_token/create',
      await plaidFailure(t.plaid.sandboxPublicTokenCreate({ institution_id: 'ins_109508', initial_products: [Products.Transactions], options: { override_username: 'user_good', override_password: 'wrong' } })),
      'INVALID_CREDENTIALS',
    );
    c.error('/item/public_token/exchange', await plaidFailure(t.plaid.itemPublicTokenExchange({ public_token: 'public-sandbox-00000000-0000-0000-0000-000000000000' })), 'INVALID_PUBLIC_TOKEN');
  });

  test('a public token expires after 30 minutes', async () => {
    const { data: pub } = await t.plaid.sandboxPublicTokenCreate({ institution_id: 'ins_109508', initial_products: [Products.Transactions] });
    t.clock.advance(30 * 60 * 1000 + 1000);
    const failure = await plaidFailure(t.plaid.itemPublicTokenExchange({ public_token: pub.public_token }));
    c.error('/item/public_token/exchange', failure, 'INVALID_PUBLIC_TOKEN');
    expect(failure.body.error_message).toContain('expired');
  });
});

describe('Items and accounts', () => {
  test('/item/get, /accounts/get, /accounts/balance/get, /identity/get for user_good', async () => {
    const { accessToken, itemId } = await linkItem(t, { webhook: receiver.url });
    const item = (await t.plaid.itemGet({ access_token: accessToken })).data;
    c.ok('/item/get', item);
    expect(item.item.item_id).toBe(itemId);
    expect(item.item.error).toBeNull();

    const accounts = (await t.plaid.accountsGet({ access_token: accessToken })).data;
    c.ok('/accounts/get', accounts);
    const checking = accounts.accounts.find((a) => a.name === 'Plaid Checking')!;
    expect(checking.balances).toMatchObject({ available: 100, current: 110, iso_currency_code: 'USD' });
    expect(accounts.accounts.find((a) => a.name === 'Plaid Saving')!.balances).toMatchObject({ available: 200, current: 210 });

    const balance = (await t.plaid.accountsBalanceGet({ access_token: accessToken, options: { account_ids: [checking.account_id] } })).data;
    c.ok('/accounts/balance/get', balance);
    expect(balance.accounts).toHaveLength(1);

    const identity = (await t.plaid.identityGet({ access_token: accessToken })).data;
    c.ok('/identity/get', identity);
    expect(identity.accounts[0].owners[0].names).toEqual(['Alberta Bobbeth Charleson']);

    c.error('/accounts/get', await plaidFailure(t.plaid.accountsGet({ access_token: accessToken, options: { account_ids: ['nope'] } })), 'INVALID_ACCOUNT_ID');
    c.error('/accounts/balance/get', await plaidFailure(t.plaid.accountsBalanceGet({ access_token: 'access-sandbox-00000000-0000-0000-0000-000000000000' })), 'INVALID_ACCESS_TOKEN');
    c.error('/identity/get', await plaidFailure(t.plaid.identityGet({ access_token: 'garbage' })), 'INVALID_ACCESS_TOKEN');
    c.error('/item/get', await plaidFailure(t.plaid.itemGet({ access_token: 'access-production-00000000-0000-0000-0000-000000000000' })), 'INVALID_ACCESS_TOKEN');
  });

  test('/item/remove makes the Item ITEM_NOT_FOUND', async () => {
    const { accessToken } = await linkItem(t);
    c.ok('/item/remove', (await t.plaid.itemRemove({ access_token: accessToken })).data);
    c.error('/item/get', await plaidFailure(t.plaid.itemGet({ access_token: accessToken })), 'ITEM_NOT_FOUND');
    c.error('/item/remove', await plaidFailure(t.plaid.itemRemove({ access_token: accessToken })), 'ITEM_NOT_FOUND');
  });

  test('/sandbox/item/reset_login: data calls fail with ITEM_LOGIN_REQUIRED, /item/get shows it, ITEM ERROR webhook', async () => {
    const { accessToken, itemId } = await linkItem(t, { webhook: receiver.url });
    const reset = (await t.plaid.sandboxItemResetLogin({ access_token: accessToken })).data;
    c.ok('/sandbox/item/reset_login', reset);
    expect(reset.reset_login).toBe(true);
    c.error('/accounts/get', await plaidFailure(t.plaid.accountsGet({ access_token: accessToken })), 'ITEM_LOGIN_REQUIRED');
    c.error('/accounts/balance/get', await plaidFailure(t.plaid.accountsBalanceGet({ access_token: accessToken })), 'ITEM_LOGIN_REQUIRED');
    c.error('/identity/get', await plaidFailure(t.plaid.identityGet({ access_token: accessToken })), 'ITEM_LOGIN_REQUIRED');
    c.error('/transactions/sync', await plaidFailure(t.plaid.transactionsSync({ access_token: accessToken })), 'ITEM_LOGIN_REQUIRED');
    const item = (await t.plaid.itemGet({ access_token: accessToken })).data;
    c.ok('/item/get', item);
    expect(item.item.error?.error_code).toBe('ITEM_LOGIN_REQUIRED');
    const hook = await receiver.waitFor((w) => w.body.item_id === itemId && w.body.webhook_code === 'ERROR');
    c.webhook('ItemErrorWebhook', hook.body);
    c.error('/sandbox/item/reset_login', await plaidFailure(t.plaid.sandboxItemResetLogin({ access_token: 'nope' })), 'INVALID_ACCESS_TOKEN');
  });

  test('/sandbox/item/fire_webhook', async () => {
    const { accessToken, itemId } = await linkItem(t, { webhook: receiver.url });
    const fired = (await t.plaid.sandboxItemFireWebhook({ access_token: accessToken, webhook_code: SandboxItemFireWebhookRequestWebhookCodeEnum.NewAccountsAvailable })).data;
    c.ok('/sandbox/item/fire_webhook', fired);
    c.webhook('NewAccountsAvailableWebhook', (await receiver.waitFor((w) => w.body.item_id === itemId && w.body.webhook_code === 'NEW_ACCOUNTS_AVAILABLE')).body);
    await t.plaid.sandboxItemFireWebhook({ access_token: accessToken, webhook_type: WebhookType.Transactions, webhook_code: SandboxItemFireWebhookRequestWebhookCodeEnum.DefaultUpdate });
    c.webhook('DefaultUpdateWebhook', (await receiver.waitFor((w) => w.body.item_id === itemId && w.body.webhook_code === 'DEFAULT_UPDATE')).body);

    const noHook = await linkItem(t);
    c.error(
      '/sandbox/item/fire_webhook',
      await plaidFailure(t.plaid.sandboxItemFireWebhook({ access_token: noHook.accessToken, webhook_code: SandboxItemFireWebhookRequestWebhookCodeEnum.SyncUpdatesAvailable })),
      'SANDBOX_WEBHOOK_INVALID',
    );
  });
});

describe('rate limits (opt-in)', () => {
  test("Plaid's per-Item Sandbox limit: the 26th balance read in a minute -> 429 BALANCE_LIMIT", async () => {
    const limited = await startTestSandbox({ rateLimits: true });
    try {
      const { accessToken } = await linkItem(limited);
      for (let i = 0; i < 25; i++) await limited.plaid.accountsBalanceGet({ access_token: accessToken });
      const failure = await plaidFailure(limited.plaid.accountsBalanceGet({ access_token: accessToken }));
      c.error('/accounts/balance/get', failure, 'BALANCE_LIMIT', 429);
      expect(failure.body.error_type).toBe('RATE_LIMIT_EXCEEDED');
      // Another Item has its own allowance.
      const other = await linkItem(limited);
      c.ok('/accounts/balance/get', (await limited.plaid.accountsBalanceGet({ access_token: other.accessToken })).data);
    } finally {
      await limited.close();
    }
  });
});

describe('transactions and webhook key', () => {
  test('/transactions/sync', async () => {
    const { accessToken } = await linkItem(t, { username: 'user_steady_biweekly' });
    const first = (await t.plaid.transactionsSync({ access_token: accessToken, count: 500 })).data;
    c.ok('/transactions/sync', first);
    expect(first.added.length).toBeGreaterThan(100);
    c.error('/transactions/sync', await plaidFailure(t.plaid.transactionsSync({ access_token: accessToken, count: 501 })), 'INVALID_FIELD');
    c.error('/transactions/sync', await plaidFailure(t.plaid.transactionsSync({ access_token: accessToken, cursor: 'not-a-cursor' })), 'INVALID_FIELD');
  });

  test('/webhook_verification_key/get', async () => {
    const { itemId } = await linkItem(t, { webhook: receiver.url });
    const hook = await receiver.waitFor((w) => w.body.item_id === itemId);
    const header = JSON.parse(Buffer.from(String(hook.headers['plaid-verification']).split('.')[0], 'base64url').toString());
    const key = (await t.plaid.webhookVerificationKeyGet({ key_id: header.kid })).data;
    c.ok('/webhook_verification_key/get', key);
    expect(key.key).toMatchObject({ alg: 'ES256', kid: header.kid, kty: 'EC', crv: 'P-256', use: 'sig', expired_at: null });
    c.error('/webhook_verification_key/get', await plaidFailure(t.plaid.webhookVerificationKeyGet({ key_id: 'unknown' })), 'INVALID_WEBHOOK_VERIFICATION_KEY_ID');
  });
});

describe('Transfer', () => {
  test('/transfer/authorization/create, /transfer/create, /transfer/get', async () => {
    const { accessToken, accountId } = await checkingOf(t);
    const auth = (await t.plaid.transferAuthorizationCreate(authorizationRequest(accessToken, accountId, 'debit', '10.00', { idempotency_key: `conf-${Date.now()}` }))).data;
    c.ok('/transfer/authorization/create', auth);
    c.ok('/transfer/authorization/create', (await t.plaid.transferAuthorizationCreate(authorizationRequest(accessToken, accountId, 'debit', '1000.00'))).data);
    c.error('/transfer/authorization/create', await plaidFailure(t.plaid.transferAuthorizationCreate(authorizationRequest('access-sandbox-00000000-0000-0000-0000-000000000000', accountId, 'debit', '1.00'))), 'INVALID_ACCESS_TOKEN');

    const created = (await t.plaid.transferCreate({ access_token: accessToken, account_id: accountId, authorization_id: auth.authorization.id, description: 'Repayment', metadata: { advance_id: 'adv-1' } })).data;
    c.ok('/transfer/create', created);
    expect(created.transfer.metadata).toEqual({ advance_id: 'adv-1' });
    c.error('/transfer/create', await plaidFailure(t.plaid.transferCreate({ access_token: accessToken, account_id: accountId, authorization_id: auth.authorization.id, description: 'x'.repeat(16) })), 'INVALID_FIELD');

    c.ok('/transfer/get', (await t.plaid.transferGet({ transfer_id: created.transfer.id })).data);
    c.ok('/transfer/get', (await t.plaid.transferGet({ authorization_id: auth.authorization.id })).data);
    c.error('/transfer/get', await plaidFailure(t.plaid.transferGet({})), 'MISSING_FIELDS');
  });

  test('simulate, cancel, lists and event sync', async () => {
    const { accessToken, accountId } = await checkingOf(t);
    const id = await createTransfer(t, accessToken, accountId, 'debit', '20.00');
    c.ok('/sandbox/transfer/simulate', (await t.plaid.sandboxTransferSimulate({ transfer_id: id, event_type: 'posted' })).data);
    c.ok('/sandbox/transfer/simulate', (await t.plaid.sandboxTransferSimulate({ transfer_id: id, event_type: 'returned', failure_reason: { failure_code: 'R10' } })).data);
    const returned = (await t.plaid.transferGet({ transfer_id: id })).data;
    c.ok('/transfer/get', returned);
    expect(returned.transfer.failure_reason).toMatchObject({ failure_code: 'R10', description: 'Customer advises not authorized' });
    c.error('/sandbox/transfer/simulate', await plaidFailure(t.plaid.sandboxTransferSimulate({ transfer_id: id, event_type: 'posted' })), 'SANDBOX_TRANSFER_EVENT_TRANSITION_INVALID');

    const id2 = await createTransfer(t, accessToken, accountId, 'credit', '5.00');
    c.ok('/transfer/cancel', (await t.plaid.transferCancel({ transfer_id: id2 })).data);
    c.error('/transfer/cancel', await plaidFailure(t.plaid.transferCancel({ transfer_id: id2 })), 'TRANSFER_NOT_CANCELLABLE');

    c.ok('/transfer/list', (await t.plaid.transferList({ count: 5 })).data);
    c.error('/transfer/list', await plaidFailure(t.plaid.transferList({ count: 26 })), 'INVALID_FIELD');
    const events = (await t.plaid.transferEventList({ transfer_id: id })).data;
    c.ok('/transfer/event/list', events);
    expect(events.transfer_events.map((e) => e.event_type)).toEqual(['returned', 'posted', 'pending']);
    c.error('/transfer/event/list', await plaidFailure(t.plaid.transferEventList({ count: 0 })), 'INVALID_FIELD');
    c.ok('/transfer/event/sync', (await t.plaid.transferEventSync({ after_id: 0, count: 25 })).data);
    c.error('/transfer/event/sync', await plaidFailure(t.plaid.transferEventSync({ after_id: -1 })), 'INVALID_FIELD');
  });
});

afterAll(() => {
  // Coverage report: which endpoints were validated against the spec, and how many schemas that exercised.
  const served = t.sandbox.endpoints.map((e) => e.path);
  const missingOk = served.filter((p) => !c.okCovered.has(p));
  const missingError = served.filter((p) => !c.errorCovered.has(p));
  // eslint-disable-next-line no-console
  console.log(
    `conformance: ${c.okCovered.size}/${served.length} endpoints with validated 200 bodies, ${c.errorCovered.size}/${served.length} with validated error bodies; ` +
      `${c.spec.validatedDirectly.size} schemas validated directly (${[...c.spec.validatedDirectly].sort().join(', ')}), ` +
      `${c.spec.validated.size} spec schemas exercised including those reached by $ref`,
  );
  expect({ missingOk, missingError }).toEqual({ missingOk: [], missingError: [] });
});
