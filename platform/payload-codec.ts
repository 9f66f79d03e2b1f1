/**
 * Private by default: every Temporal payload (inputs, results, signals, queries, failure details)
 * leaves this process encrypted with AES-256-GCM, so neither the Temporal service (Temporal Cloud
 * included) nor whoever opens its UI reads customers' data. Only a process holding the keys
 * decodes: the API, the worker, the scripts and, for signed-in operators, the codec server.
 *
 * Encoded form: metadata `encoding: binary/encrypted`, `encryption-key-id: <id>` (which key, so a
 * rotated-out key still decrypts what it wrote), `encryption-cipher: AES-256-GCM`, and
 * `compression: zlib` when the plaintext was large enough to deflate first; data is
 * nonce (12 bytes) || ciphertext || tag (16 bytes) of the whole original Payload (protobuf).
 * A payload that is not `binary/encrypted` (json/plain written before encryption) passes through
 * decode unchanged, so running workflows carry on.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { constants as zlib, deflateSync, inflateSync } from 'node:zlib';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const CIPHER = 'AES-256-GCM';
/** Below this many bytes deflate saves little and costs a call; above it histories shrink. */
export const COMPRESS_ABOVE_BYTES = 1024;

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b).toString('utf8') : undefined);

export interface PayloadKeys {
  /** the key new payloads are encrypted with */
  activeId: string;
  /** every key that may still decrypt, active included: id -> 32 bytes */
  keys: ReadonlyMap<string, Buffer>;
}

export class PayloadKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadKeyError';
  }
}

export class EncryptionCodec implements PayloadCodec {
  private readonly active: Buffer;

  constructor(private readonly ring: PayloadKeys) {
    const key = ring.keys.get(ring.activeId);
    if (!key) throw new PayloadKeyError(`The active payload key "${ring.activeId}" is not among TEMPORAL_PAYLOAD_KEYS (${[...ring.keys.keys()].join(', ') || 'none'}).`);
    this.active = key;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => this.encodeOne(p));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => this.decodeOne(p));
  }

  private encodeOne(payload: Payload): Payload {
    let plain: Uint8Array = temporal.api.common.v1.Payload.encode(payload).finish();
    const compress = plain.length > COMPRESS_ABOVE_BYTES;
    // Fastest level: on our payloads (JSON of a few kB) it is ~3x faster than the default level 6
    // for ~7% more bytes; every activity's input and result passes here on the worker's main thread.
    if (compress) plain = deflateSync(plain, { level: zlib.Z_BEST_SPEED });
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.active, nonce);
    const data = Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    const metadata: Record<string, Uint8Array> = {
      encoding: utf8(ENCRYPTED_ENCODING),
      'encryption-key-id': utf8(this.ring.activeId),
      'encryption-cipher': utf8(CIPHER),
    };
    if (compress) metadata.compression = utf8('zlib');
    return { metadata, data };
  }

  private decodeOne(payload: Payload): Payload {
    if (text(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
    const keyId = text(payload.metadata?.['encryption-key-id']) ?? '';
    const key = this.ring.keys.get(keyId);
    if (!key)
      throw new PayloadKeyError(
        `A payload is encrypted with key "${keyId}", which TEMPORAL_PAYLOAD_KEYS does not hold (it holds: ${[...this.ring.keys.keys()].join(', ')}). ` +
          'Keep rotated-out keys in TEMPORAL_PAYLOAD_KEYS for as long as histories written with them are kept.',
      );
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < NONCE_BYTES + TAG_BYTES) throw new PayloadKeyError('An encrypted payload is too short to be genuine.');
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, NONCE_BYTES));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadKeyError(`A payload under key "${keyId}" failed authentication: the key is wrong or the payload was altered.`);
    }
    if (text(payload.metadata?.compression) === 'zlib') plain = inflateSync(plain);
    return temporal.api.common.v1.Payload.decode(plain);
  }
}
