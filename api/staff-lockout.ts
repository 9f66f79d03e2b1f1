/**
 * Staff sign-in throttle: failures are counted per email and per client address. Five failures in
 * a row (STAFF_LOCKOUT_AFTER_FAILURES) lock the email for STAFF_LOCKOUT_SECONDS, doubling with each
 * further lockout within 24 hours; too many failures from one address refuse that address for the
 * rest of its 15 minutes. Refusal is checked before the password is hashed, so a locked account
 * costs a database read, not 32 MiB of scrypt. A success clears the email's count.
 */
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { Pool } from 'pg';
import { recordStaffLockout } from '../activities/accounts/staff';
import { abuseLimits, config } from '../platform/config';
import { DomainError } from '../platform/errors';
import { tooManyRequests } from './problem';
import { limiters, retryAfterSeconds } from './rate-limits';

const DAY_SECONDS = 24 * 3600;

// Emails can be 254 characters (the store's key is at most 255 with its prefix), and need not sit
// in a counter table in the clear: the key is a digest of the normalised email.
const emailKey = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
const addressKey = (req: Request) => req.ip ?? 'unknown';

/** 429 with Retry-After when the email is locked or the address has failed too often. */
export async function refuseIfLocked(req: Request, email: string): Promise<void> {
  const l = limiters();
  const locked = await l.staffLocked.get(emailKey(email));
  if (locked && locked.consumedPoints > l.staffLocked.points)
    throw tooManyRequests('Too many failed sign-ins for this account. Try again later.', retryAfterSeconds(locked.msBeforeNext));
  const byAddress = await l.staffFailuresByAddress.get(addressKey(req));
  if (byAddress && byAddress.consumedPoints >= l.staffFailuresByAddress.points)
    throw tooManyRequests('Too many failed sign-ins from this address. Try again later.', retryAfterSeconds(byAddress.msBeforeNext));
}

/** Wrong email, password or code: the failures that count (not "enrol first" or "code missing"). */
export const isCredentialFailure = (e: unknown) => e instanceof DomainError && e.code === 'invalid-credentials';

/** Counts a failure; the one that reaches the threshold locks the email and records an event. */
export async function recordFailure(pool: Pool, req: Request, email: string): Promise<void> {
  const l = limiters();
  const key = emailKey(email);
  // penalty, not consume: it never rejects; this request is already answered 401.
  await l.staffFailuresByAddress.penalty(addressKey(req));
  const failures = (await l.staffFailuresByEmail.penalty(key)).consumedPoints;
  const threshold = abuseLimits(config()).staffLockoutAfterFailures;
  if (failures < threshold) return;
  const lockouts = (await l.staffLockouts.penalty(key)).consumedPoints;
  const seconds = Math.min(config().STAFF_LOCKOUT_SECONDS * 2 ** (lockouts - 1), DAY_SECONDS);
  await l.staffLocked.block(key, seconds);
  await l.staffFailuresByEmail.delete(key);
  await recordStaffLockout(pool, email, { failures, seconds });
}

/** A success: the email's run of failures (and its backoff) starts over. */
export async function clearFailures(email: string): Promise<void> {
  const l = limiters();
  const key = emailKey(email);
  await l.staffFailuresByEmail.delete(key);
  await l.staffLockouts.delete(key);
}
