/**
 * Webhooks are signed like Plaid's: Plaid-Verification is an ES256 JWT naming a key served by
 * /webhook_verification_key/get, with `iat` and `request_body_sha256` of the raw body. Checked
 * here the way a receiver would, with node:crypto and with `jose` (in a child process: jose is
 * ESM-only and Jest here cannot load it).
 */
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { Conformance } from './test/conformance';
import { linkItem, startTestSandbox, type TestSandbox } from './test/harness';
import { WebhookReceiver, type ReceivedWebhook } from './test/webhook-receiver';
import { createPlaidSandbox } from './sandbox';

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

const part = (jwt: string, i: number) => JSON.parse(Buffer.from(jwt.split('.')[i], 'base64url').toString('utf8'));

async function publishedKey(kid: string) {
  const { data } = await t.plaid.webhookVerificationKeyGet({ key_id: kid });
  c.ok('/webhook_verification_key/get', data);
  return data.key;
}

/** What a Timely receiver does with node:crypto alone. */
async function verifyWithNodeCrypto(w: ReceivedWebhook): Promise<void> {
  const jwt = String(w.headers['plaid-verification']);
  const header = part(jwt, 0);
  expect(header).toMatchObject({ alg: 'ES256', typ: 'JWT' });
  const key = createPublicKey({ key: { ...(await publishedKey(header.kid)) } as never, format: 'jwk' });
  const [h, p, s] = jwt.split('.');
  expect(verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'))).toBe(true);
  const claims = part(jwt, 1);
  expect(claims.request_body_sha256).toBe(createHash('sha256').update(w.raw).digest('hex'));
  expect(Math.abs(Date.now() / 1000 - claims.iat)).toBeLessThan(300);
}

test('SYNC_UPDATES_AVAILABLE on a new Item, signed and verifiable with the published key', async () => {
  const { itemId } = await linkItem(t, { username: 'user_steady_biweekly', webhook: receiver.url });
  const w = await receiver.waitFor((x) => x.body.item_id === itemId && x.body.webhook_code === 'SYNC_UPDATES_AVAILABLE');
  c.webhook('SyncUpdatesAvailableWebhook', w.body);
  expect(w.body).toMatchObject({ webhook_type: 'TRANSACTIONS', initial_update_complete: true, historical_update_complete: true, environment: 'sandbox' });
  await verifyWithNodeCrypto(w);
});

test('the signature also verifies with jose (jwtVerify + importJWK), and a tampered body does not match', async () => {
  const { itemId } = await linkItem(t, { webhook: receiver.url });
  const w = await receiver.waitFor((x) => x.body.item_id === itemId);
  const jwt = String(w.headers['plaid-verification']);
  const jwk = await publishedKey(part(jwt, 0).kid);
  const josePath = require.resolve('jose');
  const script = `
    const jose = await import(${JSON.stringify(josePath)});
    const { createHash } = await import('node:crypto');
    const [jwt, jwk, raw] = JSON.parse(process.argv[1]);
    const key = await jose.importJWK(jwk, 'ES256');
    const { payload, protectedHeader } = await jose.jwtVerify(jwt, key, { maxTokenAge: '5 min' });
    const hash = (s) => createHash('sha256').update(s).digest('hex');
    console.log(JSON.stringify({ alg: protectedHeader.alg, matches: payload.request_body_sha256 === hash(raw), tampered: payload.request_body_sha256 === hash(raw + ' ') }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify([jwt, jwk, w.raw])], { encoding: 'utf8' });
  expect(JSON.parse(out)).toEqual({ alg: 'ES256', matches: true, tampered: false });
});

test('the signing key is kept in storage: a restarted sandbox signs with the same key', async () => {
  const { itemId } = await linkItem(t, { webhook: receiver.url });
  const before = part(String((await receiver.waitFor((x) => x.body.item_id === itemId)).headers['plaid-verification']), 0).kid;
  const again = createPlaidSandbox({ pool: t.pool, clock: t.clock });
  await again.ready();
  const { url } = await again.start();
  try {
    const res = await fetch(`${url}/webhook_verification_key/get`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'x', secret: 'y', key_id: before }),
    });
    expect(((await res.json()) as { key: { kid: string } }).key.kid).toBe(before);
  } finally {
    await again.stop();
  }
});

test('every webhook sent is listed by GET /__sandbox/webhooks, with delivery outcome', async () => {
  const { itemId } = await linkItem(t, { webhook: receiver.url });
  await receiver.waitFor((x) => x.body.item_id === itemId);
  await t.sandbox.flushWebhooks();
  const { webhooks } = await t.control<{ webhooks: { item_id: string; webhook_code: string; status: string; body: unknown; plaid_verification: string }[] }>(`/webhooks?item_id=${itemId}`);
  expect(webhooks).toHaveLength(1);
  expect(webhooks[0]).toMatchObject({ item_id: itemId, webhook_code: 'SYNC_UPDATES_AVAILABLE', status: 'delivered' });
  expect(webhooks[0].plaid_verification.split('.')).toHaveLength(3);
});

test('an unreachable webhook URL is recorded as failed, the API call still succeeds', async () => {
  const { itemId } = await linkItem(t, { webhook: 'http://127.0.0.1:9/unreachable' });
  await t.sandbox.flushWebhooks();
  const { webhooks } = await t.control<{ webhooks: { status: string; error: string }[] }>(`/webhooks?item_id=${itemId}`);
  expect(webhooks[0].status).toBe('failed');
});
