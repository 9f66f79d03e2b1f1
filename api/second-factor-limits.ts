/**
 * The second factor follows the first factor's rules: bounded tries (each sign-in ticket allows 5;
 * activities/accounts/sign-in-tickets.ts) and, per account across tickets and step-ups, at most
 * SECOND_FACTOR_FAILURES_PER_ACCOUNT wrong proofs in 15 minutes; beyond, 429 with Retry-After,
 * checked before any proof is looked at.
 */
import { tooManyRequests } from './problem';
import { limiters, retryAfterSeconds } from './rate-limits';

export async function refuseIfTooManyFailures(accountId: string): Promise<void> {
  const l = limiters().secondFactorFailures;
  const r = await l.get(accountId);
  if (r && r.consumedPoints >= l.points) throw tooManyRequests('Too many wrong tries of your second step. Try again later.', retryAfterSeconds(r.msBeforeNext));
}

export async function countFailure(accountId: string): Promise<void> {
  // penalty never rejects: this request is answered 401 already; the next one meets the 429.
  await limiters().secondFactorFailures.penalty(accountId);
}
