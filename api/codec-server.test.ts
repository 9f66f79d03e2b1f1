/**
 * The codec server speaks Temporal's remote codec protocol for a signed-in operator only: support
 * staff get 403, customers and anonymous callers 401, whether by bearer token or cookie. The
 * Temporal UI's origin gets CORS with credentials; any other page is refused before the body is read.
 */
import { defaultPayloadConverter } from '@temporalio/common';
import { closePool } from '../db/pool';
import { config } from '../platform/config';
import { payloadCodec } from '../platform/data-converter';
import { EncryptionCodec } from '../platform/payload-codec';
import { parsePayloadKeys } from '../platform/payload-keys';
import { call, signUpAndSignIn, startApi, TestApi } from '../test/support/api';
import { staffToken } from '../test/support/staff';
import { OTHER_TEST_PAYLOAD_KEY } from '../test/support/payload-keys';

let api: TestApi;
let tokens: { customer: string; support: string; operator: string };
const UI_ORIGIN = new URL(config().TEMPORAL_UI_URL).origin;
const b64 = (b: Uint8Array | null | undefined) => Buffer.from(b ?? []).toString('base64');
const asJson = (p: { metadata?: Record<string, Uint8Array> | null; data?: Uint8Array | null }) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v)])),
  data: b64(p.data),
});
const fromJson = (p: { metadata: Record<string, string>; data: string }) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data, 'base64'),
});
const secret = { legalName: 'Grace Hopper', email: 'grace@example.com' };

beforeAll(async () => {
  api = await startApi();
  tokens = { customer: (await signUpAndSignIn(api)).token, support: await staffToken(api, 'support'), operator: await staffToken(api, 'operator') };
});
afterAll(async () => {
  await api.close();
  await closePool();
});

async function encryptedBody() {
  const [enc] = await payloadCodec(config()).encode([defaultPayloadConverter.toPayload(secret)]);
  return { payloads: [asJson(enc)] };
}

describe.each(['/codec/decode', '/codec/encode'])('%s answers', (path) => {
  test.each([
    ['anonymous', {}, 401],
    ['a customer (bearer)', { authorization: 'customer' }, 401],
    ['a customer (its cookie)', { cookie: 'timely_session=customer' }, 401],
    ['support (bearer)', { authorization: 'support' }, 403],
    ['support (cookie from the UI)', { cookie: 'timely_staff_session=support', origin: 'ui' }, 403],
    ['an operator (bearer)', { authorization: 'operator' }, 200],
    ['an operator (cookie from the UI)', { cookie: 'timely_staff_session=operator', origin: 'ui' }, 200],
  ] as const)('%s with %j: %i', async (_who, h, status) => {
    const headers: Record<string, string> = { 'x-namespace': 'default' };
    if ('authorization' in h) headers.authorization = `Bearer ${tokens[h.authorization]}`;
    if ('cookie' in h) {
      const [name, who] = h.cookie.split('=') as [string, keyof typeof tokens];
      headers.cookie = `${name}=${tokens[who]}`;
    }
    if ('origin' in h) headers.origin = UI_ORIGIN;
    const r = await call(api, 'POST', path, { headers, body: await encryptedBody() });
    expect(r.status).toBe(status);
    if (status !== 200) expect(r.contentType).toMatch(/problem\+json/);
  });
});

test("an operator reads decoded payloads; encode gives ciphertext that decodes back; plaintext passes through", async () => {
  const decoded = await call(api, 'POST', '/codec/decode', { token: tokens.operator, body: await encryptedBody() });
  expect(decoded.status).toBe(200);
  expect(decoded.body.payloads).toHaveLength(1);
  expect(defaultPayloadConverter.fromPayload(fromJson(decoded.body.payloads[0]))).toEqual(secret);
  expect(decoded.headers.get('cache-control')).toBe('no-store');

  const plain = asJson(defaultPayloadConverter.toPayload(secret));
  const encoded = await call(api, 'POST', '/codec/encode', { token: tokens.operator, body: { payloads: [plain] } });
  expect(encoded.status).toBe(200);
  expect(Buffer.from(encoded.body.payloads[0].metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
  expect(Buffer.from(encoded.body.payloads[0].data, 'base64').includes('Grace')).toBe(false);
  const back = await call(api, 'POST', '/codec/decode', { token: tokens.operator, body: encoded.body });
  expect(back.body.payloads[0]).toEqual(plain);

  const passthrough = await call(api, 'POST', '/codec/decode', { token: tokens.operator, body: { payloads: [plain] } });
  expect(passthrough.body.payloads[0]).toEqual(plain);
});

test('a payload under a key the server lacks is a clear 422, a malformed body a 400 naming the field', async () => {
  const [id] = OTHER_TEST_PAYLOAD_KEY.split(':');
  const [foreign] = await new EncryptionCodec({ activeId: id, keys: parsePayloadKeys(OTHER_TEST_PAYLOAD_KEY) }).encode([defaultPayloadConverter.toPayload(secret)]);
  const r = await call(api, 'POST', '/codec/decode', { token: tokens.operator, body: { payloads: [asJson(foreign)] } });
  expect(r.status).toBe(422);
  expect(r.body.detail).toMatch(new RegExp(`key "${id}", which TEMPORAL_PAYLOAD_KEYS does not hold`));

  const bad = await call(api, 'POST', '/codec/decode', { token: tokens.operator, body: { payloads: [{ data: 'not base64!' }] } });
  expect(bad.status).toBe(400);
  expect(bad.body.errors[0].field).toBe('body.payloads.0.data');
});

describe('CORS', () => {
  test("the Temporal UI's preflight is allowed with credentials", async () => {
    const r = await fetch(`${api.url}/codec/decode`, {
      method: 'OPTIONS',
      headers: { origin: UI_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' },
    });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(r.headers.get('access-control-allow-credentials')).toBe('true');
    expect(r.headers.get('access-control-allow-headers')).toMatch(/X-Namespace/i);
  });

  test("another page's preflight and its operator-cookie POST, or a cookie POST without an Origin, are refused", async () => {
    const pre = await fetch(`${api.url}/codec/decode`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const post = await call(api, 'POST', '/codec/decode', {
      headers: { origin: 'https://evil.example', cookie: `timely_staff_session=${tokens.operator}` },
      body: await encryptedBody(),
    });
    expect(post.status).toBe(403);
    expect(post.body.type).toMatch(/origin-mismatch/);
    const noOrigin = await call(api, 'POST', '/codec/decode', { headers: { cookie: `timely_staff_session=${tokens.operator}` }, body: await encryptedBody() });
    expect(noOrigin.status).toBe(403);
    expect(noOrigin.body.type).toMatch(/origin-mismatch/);
  });
});
