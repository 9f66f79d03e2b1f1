/**
 * Webhook signing as Plaid does it: the `Plaid-Verification` header is a compact JWS (ES256) whose
 * header names the key (`kid`) and whose claims are `iat` and `request_body_sha256` (hex SHA-256
 * of the exact body bytes). Receivers fetch the public key with /webhook_verification_key/get.
 *
 * Signing uses node:crypto directly (standard JWS, verifiable with `jose`): `jose` v6 is ESM-only
 * and cannot be loaded by the repo's Jest setup, while the sandbox must run in tests in-process.
 * The key pair lives in plaid_sandbox.signing_keys so signatures stay verifiable across restarts.
 */
import { createHash, createPrivateKey, generateKeyPairSync, type JsonWebKey, type KeyObject, randomUUID, sign } from 'node:crypto';
import type { Pool } from 'pg';
import { type Db, inTransaction } from '../store/db';

/** The JWKPublicKey object of /webhook_verification_key/get. */
export interface PublicJwk {
  alg: 'ES256';
  crv: 'P-256';
  kid: string;
  kty: 'EC';
  use: 'sig';
  x: string;
  y: string;
  created_at: number;
  expired_at: number | null;
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: PublicJwk;
}

const LOCK_KEY = 0x706c6b79; // "plky": one process creates the key, the others read it

/** The current key, created on first start. */
export async function loadOrCreateSigningKey(pool: Pool, now: Date): Promise<SigningKey> {
  return inTransaction(pool, async (db) => {
    await db.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    const { rows } = await db.query<{ kid: string; private_jwk: JsonWebKey; public_jwk: PublicJwk }>(
      'SELECT kid, private_jwk, public_jwk FROM plaid_sandbox.signing_keys WHERE expired_at IS NULL ORDER BY created_at DESC LIMIT 1',
    );
    if (rows[0]) return { kid: rows[0].kid, privateKey: createPrivateKey({ key: rows[0].private_jwk, format: 'jwk' }), publicJwk: rows[0].public_jwk };
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const kid = randomUUID();
    const pub = publicKey.export({ format: 'jwk' });
    const publicJwk: PublicJwk = { alg: 'ES256', crv: 'P-256', kid, kty: 'EC', use: 'sig', x: pub.x as string, y: pub.y as string, created_at: Math.floor(now.getTime() / 1000), expired_at: null };
    await db.query('INSERT INTO plaid_sandbox.signing_keys (kid, private_jwk, public_jwk, created_at) VALUES ($1, $2, $3, $4)', [
      kid,
      JSON.stringify(privateKey.export({ format: 'jwk' })),
      JSON.stringify(publicJwk),
      now,
    ]);
    return { kid, privateKey, publicJwk };
  });
}

/** Any key ever used (expired ones included, as Plaid serves them with `expired_at`). */
export async function findPublicJwk(db: Db, kid: string): Promise<PublicJwk | undefined> {
  const { rows } = await db.query<{ public_jwk: PublicJwk; expired_at: Date | null }>(
    'SELECT public_jwk, expired_at FROM plaid_sandbox.signing_keys WHERE kid = $1',
    [kid],
  );
  if (!rows[0]) return undefined;
  const expired = rows[0].expired_at;
  return { ...rows[0].public_jwk, expired_at: expired ? Math.floor(expired.getTime() / 1000) : null };
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export const sha256Hex = (body: string): string => createHash('sha256').update(body, 'utf8').digest('hex');

/** The Plaid-Verification header for `body`. `iat` is wall-clock time: it is about transport, not the simulated clock. */
export function signWebhookBody(key: SigningKey, body: string, iatSeconds = Math.floor(Date.now() / 1000)): string {
  const header = b64url(JSON.stringify({ alg: 'ES256', kid: key.kid, typ: 'JWT' }));
  const claims = b64url(JSON.stringify({ iat: iatSeconds, request_body_sha256: sha256Hex(body) }));
  const signature = sign('sha256', Buffer.from(`${header}.${claims}`), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${header}.${claims}.${b64url(signature)}`;
}
