/**
 * Anonymous webhook calls cannot make us call Plaid (issue 12, point 3): verification keys are
 * cached by kid, unknown kids for 5 minutes, one call per kid however many requests arrive at
 * once; an unknown or malformed kid is a 401 problem kind (unauthorized), Plaid down a 503 kind.
 */
import { createHash } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { PlaidApi } from 'plaid';
import { DomainError } from '../../platform/errors';
import { PlaidError } from './plaid-errors';
import { KNOWN_KEY_TTL_MS, resetWebhookKeyCacheForTests, UNKNOWN_KID_TTL_MS, verifyPlaidWebhook } from './webhook-verify';

let clock = 1_700_000_000_000;
let calls: string[] = [];
let plaidDown = false;
let keys: Record<string, object> = {};

const plaid = {
  async webhookVerificationKeyGet({ key_id }: { key_id: string }) {
    calls.push(key_id);
    await new Promise((r) => setTimeout(r, 5));
    if (plaidDown) throw new PlaidError({ status: 503, error_type: 'API_ERROR', error_code: 'INTERNAL_SERVER_ERROR', message: 'down' });
    if (!keys[key_id]) throw new PlaidError({ status: 400, error_type: 'INVALID_INPUT', error_code: 'INVALID_WEBHOOK_VERIFICATION_KEY_ID', message: 'invalid key_id provided' });
    return { data: { key: keys[key_id] } };
  },
} as unknown as PlaidApi;

const body = Buffer.from('{"webhook_type":"ITEM","webhook_code":"ERROR"}');
let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

async function signed(kid: string): Promise<string> {
  return new SignJWT({ request_body_sha256: createHash('sha256').update(body).digest('hex') })
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
    .setIssuedAt()
    .sign(privateKey);
}

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  privateKey = pair.privateKey;
  keys = { 'kid-good': { ...(await exportJWK(pair.publicKey)), alg: 'ES256', kid: 'kid-good', use: 'sig', created_at: 1, expired_at: null } };
});
beforeEach(() => {
  calls = [];
  plaidDown = false;
  resetWebhookKeyCacheForTests(() => clock);
});

it('a known key is fetched once, then verified from the cache for a day', async () => {
  for (let i = 0; i < 5; i++) await verifyPlaidWebhook(plaid, body, await signed('kid-good'));
  expect(calls).toEqual(['kid-good']);
  clock += KNOWN_KEY_TTL_MS + 1;
  await verifyPlaidWebhook(plaid, body, await signed('kid-good'));
  expect(calls).toEqual(['kid-good', 'kid-good']);
});

it('an unknown kid is refused as unauthorized, asked of Plaid once per 5 minutes, also when requests arrive together', async () => {
  const token = await signed('made-up-kid');
  const all = await Promise.all(Array.from({ length: 20 }, () => refusal(verifyPlaidWebhook(plaid, body, token))));
  for (const e of all) expect({ kind: e.kind, code: e.code }).toEqual({ kind: 'unauthorized', code: 'invalid-webhook-signature' });
  for (let i = 0; i < 20; i++) await refusal(verifyPlaidWebhook(plaid, body, token));
  expect(calls).toEqual(['made-up-kid']);
  clock += UNKNOWN_KID_TTL_MS + 1;
  await refusal(verifyPlaidWebhook(plaid, body, token));
  expect(calls).toEqual(['made-up-kid', 'made-up-kid']);
});

it('a malformed kid never reaches Plaid', async () => {
  for (const kid of ['x'.repeat(500), 'has space', 'nul\u0000kid']) {
    const e = await refusal(verifyPlaidWebhook(plaid, body, await signed(kid)));
    expect(e.kind).toBe('unauthorized');
  }
  expect(calls).toEqual([]);
});

it('Plaid unreachable: unavailable (503), not cached as unknown', async () => {
  plaidDown = true;
  expect((await refusal(verifyPlaidWebhook(plaid, body, await signed('kid-good')))).kind).toBe('unavailable');
  plaidDown = false;
  await verifyPlaidWebhook(plaid, body, await signed('kid-good'));
  expect(calls).toEqual(['kid-good', 'kid-good']);
});

it('many made-up kids keep the cache bounded and still cost one call each at most', async () => {
  for (let i = 0; i < 1100; i++) await refusal(verifyPlaidWebhook(plaid, body, await signed(`kid-${i}`)));
  expect(calls).toHaveLength(1100);
  await refusal(verifyPlaidWebhook(plaid, body, await signed('kid-1099')));
  expect(calls).toHaveLength(1100);
});
