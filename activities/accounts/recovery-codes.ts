/**
 * Recovery codes: ten one-time codes for a customer who lost their second factor. Shown once when
 * made; only their SHA-256 is stored (each is 50 random bits, so a fast hash is enough). A new set
 * replaces the old one.
 */
import { createHash, randomInt } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '../../db/pool';
import { recordEvent } from './accounts-store';

export const RECOVERY_CODE_COUNT = 10;
// No 0/O, 1/I/L: read off paper and typed on a phone.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Upper case, without spaces or dashes: how a code is typed does not matter. */
export const normaliseRecoveryCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');
const digest = (code: string) => createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');

function newCode(): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export async function createRecoveryCodes(pool: Pool, accountId: string, actor: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await withTransaction(async (c) => {
    await c.query('DELETE FROM accounts.recovery_codes WHERE account_id = $1', [accountId]);
    await c.query('INSERT INTO accounts.recovery_codes (account_id, code_hash) SELECT $1, unnest($2::text[])', [accountId, codes.map(digest)]);
    await recordEvent(c, accountId, 'security.recovery_codes_created', actor, { count: codes.length });
  }, pool);
  return codes;
}

/** Spends a code (once, even under races): the codes left, or null when it is not an unused code of this account. */
export async function useRecoveryCode(db: Pool | PoolClient, accountId: string, code: string, actor: string): Promise<number | null> {
  const r = await db.query(
    `UPDATE accounts.recovery_codes SET used_at = now() WHERE id = (
       SELECT id FROM accounts.recovery_codes WHERE account_id = $1 AND code_hash = $2 AND used_at IS NULL LIMIT 1 FOR UPDATE)
     RETURNING (SELECT count(*)::int - 1 FROM accounts.recovery_codes WHERE account_id = $1 AND used_at IS NULL) AS left`,
    [accountId, digest(code)],
  );
  if (r.rowCount !== 1) return null;
  const left = r.rows[0].left as number;
  await recordEvent(db, accountId, 'security.recovery_code_used', actor, { codesLeft: left });
  return left;
}
