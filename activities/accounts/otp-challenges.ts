/**
 * Phone sign-in challenges: 6-digit codes that expire, 5 tries per challenge, 3 challenges per
 * phone per 10 minutes. A challenge for a phone with no account is issued all the same (and can
 * never verify), so the endpoint does not reveal who is a customer.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { isUniqueViolation, withTransaction } from '../../db/pool';
import { DomainError } from '../../platform/errors';
import { logger } from '../../platform/logger';
import { activateOnFirstVerification, findAccountIdByPhone, recordEvent } from './accounts-store';
import type { OtpSender } from './otp-sender';

export const OTP_POLICY = { ttlSeconds: 600, maxAttempts: 5, maxPerWindow: 3, windowSeconds: 600 } as const;

const codeHash = (challengeId: string, code: string) => createHash('sha256').update(`${challengeId}:${code}`).digest('hex');

export interface StartedChallenge {
  challengeId: string;
  expiresAt: Date;
  /** Tries this code allows. */
  triesLeft: number;
  /** When the next code for this phone may be asked for (the per-phone window). */
  resendAvailableAt: Date;
}

type WindowRow = { n: number; oldest: Date | null; now: Date };

/** Serializes challenges per phone and refuses a fourth within the window (429 with retryAfterSeconds). */
async function lockPhoneWindow(c: PoolClient, phone: string): Promise<WindowRow[]> {
  // Serialize challenges per phone so two concurrent requests cannot both pass the window check.
  await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`otp:${phone}`]);
  const { rows } = await c.query(
    `SELECT count(*)::int AS n, min(created_at) AS oldest, now() AS now FROM accounts.otp_challenges
     WHERE phone = $1 AND created_at > now() - make_interval(secs => $2)`,
    [phone, OTP_POLICY.windowSeconds],
  );
  if (rows[0].n >= OTP_POLICY.maxPerWindow) {
    const retryAfter = Math.max(1, Math.ceil((new Date(rows[0].oldest).getTime() + OTP_POLICY.windowSeconds * 1000 - Date.now()) / 1000));
    throw new DomainError('rate_limited', 'rate-limited', `At most ${OTP_POLICY.maxPerWindow} codes per phone every 10 minutes. Try again later.`, 'phone', {
      retryAfterSeconds: retryAfter,
    });
  }
  return rows as WindowRow[];
}

/** This code is in the window now: with the window full, the next one waits for the oldest to leave it. */
function resendAt(rows: WindowRow[]): Date {
  const now = new Date(rows[0].now);
  const oldest = rows[0].oldest ? new Date(rows[0].oldest) : now;
  const full = rows[0].n + 1 >= OTP_POLICY.maxPerWindow;
  return full ? new Date(oldest.getTime() + OTP_POLICY.windowSeconds * 1000) : now;
}

export async function startChallenge(pool: Pool, sender: OtpSender, phone: string): Promise<StartedChallenge> {
  const id = randomUUID();
  const code = sender.newCode();
  const expiresAt = new Date(Date.now() + OTP_POLICY.ttlSeconds * 1000);
  const { accountId, resendAvailableAt } = await withTransaction(async (c) => {
    const rows = await lockPhoneWindow(c, phone);
    const account = await findAccountIdByPhone(c, phone);
    await c.query(
      `INSERT INTO accounts.otp_challenges (id, phone, account_id, code_hash, max_attempts, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, phone, account ?? null, codeHash(id, code), OTP_POLICY.maxAttempts, expiresAt],
    );
    if (account) await recordEvent(c, account, 'auth.otp_requested', `customer:${account}`, { challengeId: id });
    // Same for every phone, customer or not (the window counts all challenges), so it reveals nothing.
    return { accountId: account, resendAvailableAt: resendAt(rows) };
  }, pool);
  // Not awaited: waiting for the SMS provider only when the phone is a customer's would make the
  // reply slower (or a 500 when the provider fails) for customers alone, and so tell who is one.
  // A code that was not delivered costs the customer another request, nothing else.
  if (accountId)
    sender.send(phone, code).catch((err: unknown) =>
      logger.error({ challengeId: id, provider: sender.name, error: err instanceof Error ? err.message : String(err) }, 'sign-in code not sent'),
    );
  return { challengeId: id, expiresAt, triesLeft: OTP_POLICY.maxAttempts, resendAvailableAt };
}

/**
 * Checks a code of a challenge made for `purpose` (and, for a phone change, by `accountId`); a
 * challenge of another purpose or account reads as expired. On success the challenge is consumed
 * and `onSuccess` runs in the same transaction. A wrong try is committed, so tries really run out.
 */
async function consumeChallenge<T>(
  pool: Pool,
  challengeId: string,
  code: string,
  expect: { purpose: 'sign_in' | 'phone_change'; accountId?: string },
  onSuccess: (c: PoolClient, ch: { account_id: string; phone: string }) => Promise<T>,
): Promise<T> {
  type Outcome = { ok: T } | { error: 'expired' | 'exhausted' } | { error: 'wrong'; triesLeft: number };
  const outcome = await withTransaction<Outcome>(async (c) => {
    const { rows } = await c.query(`SELECT * FROM accounts.otp_challenges WHERE id = $1 FOR UPDATE`, [challengeId]);
    const ch = rows[0];
    const mine = ch && ch.purpose === expect.purpose && (expect.accountId === undefined || ch.account_id === expect.accountId);
    if (!mine || ch.consumed_at || ch.expires_at.getTime() <= Date.now()) return { error: 'expired' as const };
    if (ch.attempts >= ch.max_attempts) return { error: 'exhausted' as const };
    const ok = ch.account_id && timingSafeEqual(Buffer.from(ch.code_hash, 'hex'), Buffer.from(codeHash(challengeId, code), 'hex'));
    if (!ok) {
      await c.query('UPDATE accounts.otp_challenges SET attempts = attempts + 1 WHERE id = $1', [challengeId]);
      if (ch.account_id) await recordEvent(c, ch.account_id, 'auth.otp_failed', `customer:${ch.account_id}`, { challengeId });
      const triesLeft = ch.max_attempts - (ch.attempts + 1);
      return triesLeft <= 0 ? { error: 'exhausted' as const } : { error: 'wrong' as const, triesLeft };
    }
    await c.query('UPDATE accounts.otp_challenges SET attempts = attempts + 1, consumed_at = now() WHERE id = $1', [challengeId]);
    return { ok: await onSuccess(c, ch) };
  }, pool);
  if ('ok' in outcome) return outcome.ok;
  // Sentences a customer can act on; the slug (code-wrong, code-expired, code-exhausted) is for the app.
  if (outcome.error === 'wrong')
    throw new DomainError(
      'unauthorized',
      'code-wrong',
      `That code is not right. You have ${outcome.triesLeft} ${outcome.triesLeft === 1 ? 'try' : 'tries'} left.`,
      'code',
      { triesLeft: outcome.triesLeft },
    );
  const messages = {
    expired: 'This code has expired or was already used. Ask for a new code.',
    exhausted: 'Too many wrong tries for this code. Ask for a new code.',
  };
  throw new DomainError('unauthorized', `code-${outcome.error}`, messages[outcome.error], 'code');
}

/** Checks a sign-in code; on success consumes the challenge, activates a pending account, returns its id. */
export async function verifyChallenge(pool: Pool, challengeId: string, code: string): Promise<string> {
  return consumeChallenge(pool, challengeId, code, { purpose: 'sign_in' }, async (c, ch) => {
    await activateOnFirstVerification(c, ch.account_id);
    await recordEvent(c, ch.account_id, 'auth.signed_in', `customer:${ch.account_id}`, { challengeId });
    return ch.account_id;
  });
}

const phoneTaken = () => new DomainError('conflict', 'phone-taken', 'An account with this phone number already exists.', 'phone');

/**
 * A code to a customer's new phone number, proving they hold it. The number must be free; the
 * per-phone window applies as for sign-in codes. The code can never sign anyone in.
 */
export async function startPhoneChange(pool: Pool, sender: OtpSender, accountId: string, phone: string): Promise<StartedChallenge> {
  const id = randomUUID();
  const code = sender.newCode();
  const expiresAt = new Date(Date.now() + OTP_POLICY.ttlSeconds * 1000);
  const resendAvailableAt = await withTransaction(async (c) => {
    const rows = await lockPhoneWindow(c, phone);
    if (await findAccountIdByPhone(c, phone)) throw phoneTaken();
    await c.query(
      `INSERT INTO accounts.otp_challenges (id, phone, account_id, code_hash, max_attempts, expires_at, purpose) VALUES ($1, $2, $3, $4, $5, $6, 'phone_change')`,
      [id, phone, accountId, codeHash(id, code), OTP_POLICY.maxAttempts, expiresAt],
    );
    await recordEvent(c, accountId, 'auth.phone_change_requested', `customer:${accountId}`, { challengeId: id });
    return resendAt(rows);
  }, pool);
  sender.send(phone, code).catch((err: unknown) =>
    logger.error({ challengeId: id, provider: sender.name, error: err instanceof Error ? err.message : String(err) }, 'phone-change code not sent'),
  );
  return { challengeId: id, expiresAt, triesLeft: OTP_POLICY.maxAttempts, resendAvailableAt };
}

/** The right code to the new number: the account's phone becomes it. Returns both numbers (for the notices). */
export async function confirmPhoneChange(pool: Pool, accountId: string, challengeId: string, code: string, actor: string): Promise<{ from: string; to: string }> {
  try {
    return await consumeChallenge(pool, challengeId, code, { purpose: 'phone_change', accountId }, async (c, ch) => {
      const before = await c.query('SELECT phone FROM accounts.accounts WHERE id = $1 FOR UPDATE', [accountId]);
      await c.query('UPDATE accounts.accounts SET phone = $2, updated_at = now() WHERE id = $1', [accountId, ch.phone]);
      const change = { from: before.rows[0].phone as string, to: ch.phone };
      await recordEvent(c, accountId, 'security.phone_changed', actor, change);
      return change;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'accounts_phone_key')) throw phoneTaken();
    throw err;
  }
}
