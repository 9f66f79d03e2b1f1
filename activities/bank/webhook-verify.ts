/**
 * Plaid webhook verification (Plaid docs, "webhook verification"): the `Plaid-Verification`
 * header is an ES256 JWT whose `kid` names a key from /webhook_verification_key/get; the JWT must
 * be at most 5 minutes old and its `request_body_sha256` must equal the SHA-256 of the raw body.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { decodeProtectedHeader, importJWK, jwtVerify, JWK } from 'jose';
import type { PlaidApi } from 'plaid';
import { DomainError } from '../../platform/errors';

const keyCache = new Map<string, { jwk: JWK; expiredAt: number | null }>();

const refuse = (why: string) => new DomainError('unauthorized', 'invalid-webhook-signature', `Webhook refused: ${why}.`);

async function keyFor(plaid: PlaidApi, kid: string): Promise<JWK> {
  const cached = keyCache.get(kid);
  if (cached && cached.expiredAt === null) return cached.jwk;
  const { data } = await plaid.webhookVerificationKeyGet({ key_id: kid });
  const jwk = data.key as unknown as JWK & { expired_at?: number | null };
  keyCache.set(kid, { jwk, expiredAt: jwk.expired_at ?? null });
  if (jwk.expired_at) throw refuse('the signing key has expired');
  return jwk;
}

export async function verifyPlaidWebhook(plaid: PlaidApi, rawBody: Buffer, token: string | undefined): Promise<void> {
  if (!token) throw refuse('the Plaid-Verification header is missing');
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw refuse('the Plaid-Verification header is not a JWT');
  }
  if (header.alg !== 'ES256' || !header.kid) throw refuse('the JWT must be ES256 with a kid');
  const key = await importJWK(await keyFor(plaid, header.kid), 'ES256');
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key, { algorithms: ['ES256'], maxTokenAge: '5m' }));
  } catch (err) {
    throw refuse(`the signature does not verify (${(err as Error).message})`);
  }
  const claimed = Buffer.from(String(payload.request_body_sha256 ?? ''), 'hex');
  const actual = createHash('sha256').update(rawBody).digest();
  if (claimed.length !== actual.length || !timingSafeEqual(claimed, actual)) throw refuse('the body does not match the signed hash');
}
