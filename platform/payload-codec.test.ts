/**
 * The payload codec: what leaves a process is ciphertext under a named key, large payloads are
 * deflated first, a rotated-out key still decrypts, plaintext written before encryption still
 * decodes, and a missing or wrong key says so clearly. Production refuses to start without keys.
 */
import { ApplicationFailure, defaultPayloadConverter } from '@temporalio/common';
import { decodeOptionalFailureToOptionalError, encodeErrorToFailure, loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import { ConfigError, loadConfig } from './config';
import { dataConverter } from './data-converter';
import { EncryptionCodec, PayloadKeyError } from './payload-codec';
import { parsePayloadKeys, payloadKeyProblems, payloadKeys } from './payload-keys';
import { OTHER_TEST_PAYLOAD_KEY, TEST_PAYLOAD_KEY_ID, TEST_PAYLOAD_KEYS } from '../test/support/payload-keys';

const OTHER_ID = OTHER_TEST_PAYLOAD_KEY.split(':')[0];
const codecWith = (setting: string, activeId: string) => new EncryptionCodec({ activeId, keys: parsePayloadKeys(setting) });
const text = (b: Uint8Array | null | undefined) => Buffer.from(b ?? []).toString('utf8');
const customer = { legalName: 'Ada Lovelace', email: 'ada@example.com', phone: '+14155550123' };

test('encrypts under the active key id, and decodes back to the same payload', async () => {
  const codec = codecWith(TEST_PAYLOAD_KEYS, TEST_PAYLOAD_KEY_ID);
  const plain = defaultPayloadConverter.toPayload(customer);
  const [enc] = await codec.encode([plain]);
  expect(text(enc.metadata?.encoding)).toBe('binary/encrypted');
  expect(text(enc.metadata?.['encryption-key-id'])).toBe(TEST_PAYLOAD_KEY_ID);
  expect(text(enc.metadata?.['encryption-cipher'])).toBe('AES-256-GCM');
  expect(enc.metadata?.compression).toBeUndefined(); // small: not worth deflating
  for (const secret of Object.values(customer)) expect(Buffer.from(enc.data!).includes(secret)).toBe(false);
  const [dec] = await codec.decode([enc]);
  expect(defaultPayloadConverter.fromPayload(dec)).toEqual(customer);
  // a fresh nonce each time: the same value never encrypts to the same bytes
  const [again] = await codec.encode([plain]);
  expect(Buffer.from(again.data!).equals(Buffer.from(enc.data!))).toBe(false);
});

test('large payloads are compressed before they are encrypted', async () => {
  const codec = codecWith(TEST_PAYLOAD_KEYS, TEST_PAYLOAD_KEY_ID);
  const history = Array.from({ length: 500 }, (_, i) => ({ id: `txn-${i}`, name: 'PAYROLL ACME CORP', amountCents: -150000, date: '2026-11-01' }));
  const plain = defaultPayloadConverter.toPayload(history);
  const [enc] = await codec.encode([plain]);
  expect(text(enc.metadata?.compression)).toBe('zlib');
  expect(enc.data!.length).toBeLessThan(plain.data!.length / 5);
  expect(defaultPayloadConverter.fromPayload((await codec.decode([enc]))[0])).toEqual(history);
});

test('plaintext payloads written before encryption still decode', async () => {
  const codec = codecWith(TEST_PAYLOAD_KEYS, TEST_PAYLOAD_KEY_ID);
  const plain = defaultPayloadConverter.toPayload({ accountId: 'a-1' });
  const [dec] = await codec.decode([plain]);
  expect(dec).toBe(plain);
});

test('after rotation, payloads under the old key still decode and new ones use the new key', async () => {
  const before = codecWith(TEST_PAYLOAD_KEYS, TEST_PAYLOAD_KEY_ID);
  const [old] = await before.encode([defaultPayloadConverter.toPayload(customer)]);
  const after = codecWith(`${OTHER_TEST_PAYLOAD_KEY},${TEST_PAYLOAD_KEYS}`, OTHER_ID);
  expect(defaultPayloadConverter.fromPayload((await after.decode([old]))[0])).toEqual(customer);
  const [fresh] = await after.encode([defaultPayloadConverter.toPayload(customer)]);
  expect(text(fresh.metadata?.['encryption-key-id'])).toBe(OTHER_ID);
});

test('a payload under a key this process lacks fails with a message naming the key', async () => {
  const [enc] = await codecWith(TEST_PAYLOAD_KEYS, TEST_PAYLOAD_KEY_ID).encode([defaultPayloadConverter.toPayload(customer)]);
  const without = codecWith(OTHER_TEST_PAYLOAD_KEY, OTHER_ID);
  await expect(without.decode([enc])).rejects.toThrow(PayloadKeyError);
  await expect(without.decode([enc])).rejects.toThrow(new RegExp(`encrypted with key "${TEST_PAYLOAD_KEY_ID}", which TEMPORAL_PAYLOAD_KEYS does not hold`));
});

test('a wrong key under the right id, or altered bytes, fail authentication', async () => {
  const [enc] = await codecWith(TEST_PAYLOAD_KEYS, TEST_PAYLOAD_KEY_ID).encode([defaultPayloadConverter.toPayload(customer)]);
  const impostor = codecWith(`${TEST_PAYLOAD_KEY_ID}:${OTHER_TEST_PAYLOAD_KEY.split(':')[1]}`, TEST_PAYLOAD_KEY_ID);
  await expect(impostor.decode([enc])).rejects.toThrow(/failed authentication/);
  const altered = Buffer.from(enc.data!);
  altered[20] ^= 1;
  await expect(codecWith(TEST_PAYLOAD_KEYS, TEST_PAYLOAD_KEY_ID).decode([{ ...enc, data: altered }])).rejects.toThrow(/failed authentication/);
});

describe('settings', () => {
  test('production refuses to start without payload keys', () => {
    const prod = { NODE_ENV: 'production', OTP_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'x', TWILIO_AUTH_TOKEN: 'x', TWILIO_FROM: 'x', PLAID_ENV: 'production', TOKEN_ENCRYPTION_KEY: 'ab'.repeat(32) };
    expect(() => loadConfig(prod)).toThrow(ConfigError);
    expect(() => loadConfig(prod)).toThrow(/TEMPORAL_PAYLOAD_KEYS: required in production/);
    expect(() => loadConfig({ ...prod, TEMPORAL_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS })).not.toThrow();
  });

  test('malformed keys, an unknown active id, or two keys without an active id are refused', () => {
    const base = { NODE_ENV: 'development' as const, TEMPORAL_PAYLOAD_KEY_ID: undefined };
    expect(payloadKeyProblems({ ...base, TEMPORAL_PAYLOAD_KEYS: 'k1:c2hvcnQ=' }).join()).toMatch(/key "k1": must be 32 bytes/);
    expect(payloadKeyProblems({ ...base, TEMPORAL_PAYLOAD_KEYS: 'nokey' }).join()).toMatch(/needs an id/);
    expect(payloadKeyProblems({ ...base, TEMPORAL_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS, TEMPORAL_PAYLOAD_KEY_ID: 'nope' }).join()).toMatch(/"nope" is not among/);
    expect(payloadKeyProblems({ ...base, TEMPORAL_PAYLOAD_KEYS: `${TEST_PAYLOAD_KEYS},${OTHER_TEST_PAYLOAD_KEY}` }).join()).toMatch(/TEMPORAL_PAYLOAD_KEY_ID: required/);
    expect(payloadKeys({ ...base, TEMPORAL_PAYLOAD_KEYS: `${TEST_PAYLOAD_KEYS},${OTHER_TEST_PAYLOAD_KEY}`, TEMPORAL_PAYLOAD_KEY_ID: OTHER_ID }).activeId).toBe(OTHER_ID);
  });
});

test("a failure's message and stack are encrypted too (encodeCommonAttributes), and decode back", async () => {
  const converter = loadDataConverter(dataConverter({ NODE_ENV: 'test', TEMPORAL_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS, TEMPORAL_PAYLOAD_KEY_ID: TEST_PAYLOAD_KEY_ID }));
  const failure = await encodeErrorToFailure(converter, ApplicationFailure.nonRetryable(`no bank for ${customer.email}`, 'NO_LINKED_BANK'));
  expect(failure.message).toBe('Encoded failure');
  expect(failure.stackTrace).toBe('');
  expect(Buffer.from(JSON.stringify(failure)).includes(customer.email)).toBe(false);
  expect(text(failure.encodedAttributes?.metadata?.encoding)).toBe('binary/encrypted');
  const back = (await decodeOptionalFailureToOptionalError(converter, failure)) as ApplicationFailure;
  expect(back.message).toBe(`no bank for ${customer.email}`);
  expect(back.type).toBe('NO_LINKED_BANK'); // the type stays readable: workflows and retry policies match on it
});
