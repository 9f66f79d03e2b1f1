/**
 * Phone sign-in challenges: 6-digit codes that expire, 5 tries per challenge, 3 challenges per
 * phone per 10 minutes. A challenge for a phone with no account is issued all the same (and can
 * never verify), so the endpoint does not reveal who is a customer.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Pool } from 'pg';
import { withTransaction } from '../../db/pool';
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

export async function startChallenge(pool: Pool, sender: OtpSender, phone: string): Promise<StartedChallenge> {
  const id = randomUUID();
  const code = sender.newCode();
  const expiresAt = new Date(Date.now() + OTP_POLICY.ttlSeconds * 1000);
  const { accountId, resendAvailableAt } = await withTransaction(async (c) => {
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
    const account = await findAccountIdByPhone(c, phone);
    await c.query(
      `INSERT INTO accounts.otp_challenges (id, phone, account_id, code_hash, max_attempts, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, phone, account ?? null, codeHash(id, code), OTP_POLICY.maxAttempts, expiresAt],
    );
    if (account) await recordEvent(c, account, 'auth.otp_requested', `customer:${account}`, { challengeId: id });
    // Same for every phone, customer or not (the window counts all challenges), so it reveals nothing.
    // This code is in the window now: with the window full, the next one waits for the oldest to leave it.
    const now = new Date(rows[0].now);
    const oldest = rows[0].oldest ? new Date(rows[0].oldest) : now;
    const full = rows[0].n + 1 >= OTP_POLICY.maxPerWindow;
    return { accountId: account, resendAvailableAt: full ? new Date(oldest.getTime() + OTP_POLICY.windowSeconds * 1000) : now };
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

/** Checks a code; on success consumes the challenge, activates a pending account, returns its id. */
export async function verifyChallenge(pool: Pool, challengeId: string, code: string): Promise<string> {
  type Outcome = { accountId: string } | { error: 'expired' | 'exhausted' } | { error: 'wrong'; triesLeft: number };
  const outcome = await withTransaction<Outcome>(async (c) => {
    const { rows } = await c.query(`SELECT * FROM accounts.otp_challenges WHERE id = $1 FOR UPDATE`, [challengeId]);
    const ch = rows[0];
    if (!ch || ch.consumed_at || ch.expires_at.getTime() <= Date.now()) return { error: 'expired' as const };
    if (ch.attempts >= ch.max_attempts) return { error: 'exhausted' as const };
    const ok = ch.account_id && timingSafeEqual(Buffer.from(ch.code_hash, 'hex'), Buffer.from(codeHash(challengeId, code), 'hex'));
    if (!ok) {
      // The failed try is committed (not rolled back with the error), so tries really run out.
      await c.query('UPDATE accounts.otp_challenges SET attempts = attempts + 1 WHERE id = $1', [challengeId]);
      if (ch.account_id) await recordEvent(c, ch.account_id, 'auth.otp_failed', `customer:${ch.account_id}`, { challengeId });
      const triesLeft = ch.max_attempts - (ch.attempts + 1);
      return triesLeft <= 0 ? { error: 'exhausted' as const } : { error: 'wrong' as const, triesLeft };
    }
    await c.query('UPDATE accounts.otp_challenges SET attempts = attempts + 1, consumed_at = now() WHERE id = $1', [challengeId]);
    await activateOnFirstVerification(c, ch.account_id);
    await recordEvent(c, ch.account_id, 'auth.signed_in', `customer:${ch.account_id}`, { challengeId });
    return { accountId: ch.account_id as string };
  }, pool);
  if ('accountId' in outcome) return outcome.accountId;
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
