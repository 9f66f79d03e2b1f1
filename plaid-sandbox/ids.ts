/**
 * Identifiers shaped like Plaid's, so code that logs, stores or pattern-matches them behaves the
 * same against the sandbox as against Plaid.
 */
import { randomBytes, randomUUID } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random base62 string (rejection sampling keeps the distribution uniform). */
export function base62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < 248 && out.length < length) out += ALPHABET[b % 62];
    }
  }
  return out;
}

/** item_id, account_id, transaction_id: 37 base62 characters, like Plaid's. */
export const plaidId = (): string => base62(37);
/** request_id: 15 base62 characters. */
export const requestId = (): string => base62(15);

export const linkToken = (): string => `link-sandbox-${randomUUID()}`;
export const publicToken = (): string => `public-sandbox-${randomUUID()}`;
export const accessToken = (): string => `access-sandbox-${randomUUID()}`;
/** Transfer and authorization ids are UUIDs at Plaid. */
export const transferId = (): string => randomUUID();

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
export const ACCESS_TOKEN_SHAPE = new RegExp(`^access-sandbox-${UUID}$`);
export const PUBLIC_TOKEN_SHAPE = new RegExp(`^public-sandbox-${UUID}$`);
export const UUID_SHAPE = new RegExp(`^${UUID}$`);
