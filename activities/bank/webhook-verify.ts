/**
 * Plaid webhook verification (Plaid docs, "webhook verification"): the `Plaid-Verification`
 * header is an ES256 JWT whose `kid` names a key from /webhook_verification_key/get; the JWT must
 * be at most 5 minutes old and its `request_body_sha256` must equal the SHA-256 of the raw body.
 *
 * The webhook route is anonymous, so every kid a caller makes up must not cost a Plaid call:
 * keys are cached by kid, known ones for a day (then fetched again, to learn of an expiry), and
 * kids Plaid does not know for 5 minutes (a negative entry, so a new key Plaid starts signing with
 * is still picked up soon). Concurrent requests for one kid share one call. The cache is bounded
 * so a flood of made-up kids cannot grow memory without end. An unknown kid is a 401 like any bad
 * signature; Plaid being unreachable is a 503 (Plaid retries its webhooks).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { decodeProtectedHeader, importJWK, jwtVerify, JWK } from 'jose';
import type { PlaidApi } from 'plaid';
import { DomainError } from '../../platform/errors';
import { plaidErrorInfo } from './plaid-errors';

export const KNOWN_KEY_TTL_MS = 24 * 60 * 60 * 1000;
export const UNKNOWN_KID_TTL_MS = 5 * 60 * 1000;
const MAX_ENTRIES = 1000;
/** Plaid's key ids are short; anything longer is not worth a lookup. */
const KID = /^[A-Za-z0-9._:-]{1,128}$/;

type Entry = { jwk: (JWK & { expired_at?: number | null }) | null; until: number } | { pending: Promise<JWK | null> };
const keyCache = new Map<string, Entry>();
let now = () => Date.now();

/** For tests: an empty cache and, optionally, a clock. */
export function resetWebhookKeyCacheForTests(clock: () => number = () => Date.now()): void {
  keyCache.clear();
  now = clock;
}

const refuse = (why: string) => new DomainError('unauthorized', 'invalid-webhook-signature', `Webhook refused: ${why}.`);

function remember(kid: string, jwk: Entry & { jwk: unknown }): void {
  keyCache.delete(kid); // re-insert at the end: Map order is the eviction order
  keyCache.set(kid, jwk);
  while (keyCache.size > MAX_ENTRIES) keyCache.delete(keyCache.keys().next().value as string);
}

/** The key for `kid`, or null when Plaid does not know it (cached either way). */
async function fetchKey(plaid: PlaidApi, kid: string): Promise<JWK | null> {
  try {
    const { data } = await plaid.webhookVerificationKeyGet({ key_id: kid });
    const jwk = data.key as unknown as JWK & { expired_at?: number | null };
    remember(kid, { jwk, until: now() + KNOWN_KEY_TTL_MS });
    return jwk;
  } catch (err) {
    const info = plaidErrorInfo(err);
    // Plaid answered that the kid is wrong (a 4xx): remember that briefly.
    if (info?.status !== undefined && info.status >= 400 && info.status < 500) {
      remember(kid, { jwk: null, until: now() + UNKNOWN_KID_TTL_MS });
      return null;
    }
    keyCache.delete(kid);
    throw new DomainError('unavailable', 'bank-unavailable', 'Webhook keys cannot be fetched from Plaid right now; try again later.');
  }
}

async function keyFor(plaid: PlaidApi, kid: string): Promise<JWK> {
  if (!KID.test(kid)) throw refuse('the key id is not one Plaid issues');
  const cached = keyCache.get(kid);
  let jwk: (JWK & { expired_at?: number | null }) | null;
  if (cached && 'pending' in cached) jwk = await cached.pending;
  else if (cached && cached.until > now()) jwk = cached.jwk;
  else {
    const pending = fetchKey(plaid, kid);
    keyCache.set(kid, { pending });
    jwk = await pending;
  }
  if (!jwk) throw refuse('the key id is unknown');
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
  if (header.alg !== 'ES256' || typeof header.kid !== 'string' || !header.kid) throw refuse('the JWT must be ES256 with a kid');
  let key;
  try {
    key = await importJWK(await keyFor(plaid, header.kid), 'ES256');
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw refuse('the signing key cannot be used');
  }
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
