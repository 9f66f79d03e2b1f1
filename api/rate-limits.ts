/**
 * Abuse limits, counted in PostgreSQL (accounts.rate_limits, migration 0012) so they hold across
 * API replicas. Each limiter is a key prefix in the one table. Built per pool and config, because
 * tests close the pool and reset the config between files.
 */
import type { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { getPool } from '../db/pool';
import { abuseLimits, config, type Config } from '../platform/config';
import { tooManyRequests } from './problem';

export interface Limiters {
  /** Sign-in codes per client address per hour, whatever the phone. */
  otpPerAddress: RateLimiterPostgres;
  /** Sign-in codes from everyone per minute: one bound on the SMS bill. */
  otpGlobal: RateLimiterPostgres;
  /** Failed staff sign-ins per client address per 15 minutes; beyond, refused for the rest of them. */
  staffFailuresByAddress: RateLimiterPostgres;
  /** Failed staff sign-ins in a row per email (a success deletes the count). */
  staffFailuresByEmail: RateLimiterPostgres;
  /** A locked email: blocked for the lockout's length. */
  staffLocked: RateLimiterPostgres;
  /** Lockouts per email in 24 hours: each doubles the next one (the backoff). */
  staffLockouts: RateLimiterPostgres;
  /** Wrong second factors per customer account (sign-in and step-up together), per 15 minutes. */
  secondFactorFailures: RateLimiterPostgres;
}

/** Wrong second factors a customer account may make per 15 minutes before it is refused (429). */
export const SECOND_FACTOR_FAILURES_PER_ACCOUNT = 10;

const DAY = 24 * 3600;

function build(pool: Pool, cfg: Config): Limiters {
  const l = abuseLimits(cfg);
  let first = true;
  const make = (keyPrefix: string, points: number, duration: number) => {
    const limiter = new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      schemaName: 'accounts',
      tableName: 'rate_limits',
      tableCreated: true, // the migration owns the table
      // They share one table: one sweeper of expired rows is enough.
      clearExpiredByTimeout: first,
      keyPrefix,
      points,
      duration,
    });
    first = false;
    return limiter;
  };
  return {
    otpPerAddress: make('otp-address', l.otpPerAddressPerHour, 3600),
    otpGlobal: make('otp-global', l.otpGlobalPerMinute, 60),
    staffFailuresByAddress: make('staff-address', l.staffFailuresPerAddress, 900),
    staffFailuresByEmail: make('staff-failures', l.staffLockoutAfterFailures, DAY),
    staffLocked: make('staff-locked', 1, DAY),
    staffLockouts: make('staff-lockouts', 1_000_000, DAY),
    secondFactorFailures: make('second-factor', SECOND_FACTOR_FAILURES_PER_ACCOUNT, 900),
  };
}

let cache: { pool: Pool; cfg: Config; limiters: Limiters } | undefined;
export function limiters(): Limiters {
  const pool = getPool();
  const cfg = config();
  if (!cache || cache.pool !== pool || cache.cfg !== cfg) cache = { pool, cfg, limiters: build(pool, cfg) };
  return cache.limiters;
}

/** Whole seconds to wait, at least 1 (Retry-After must not say 0 while still refusing). */
export const retryAfterSeconds = (msBeforeNext: number) => Math.max(1, Math.ceil(msBeforeNext / 1000));

/**
 * Takes one point from each limiter in turn; the first one exhausted answers 429 with
 * Retry-After. Later limiters are not charged for a request an earlier one refused.
 * A store failure (not a RateLimiterRes) propagates: a 500, never a silent pass.
 */
export async function consumeOrThrow(detail: string, ...checks: [RateLimiterPostgres, string][]): Promise<void> {
  for (const [limiter, key] of checks) {
    try {
      await limiter.consume(key);
    } catch (e) {
      if (e instanceof RateLimiterRes) throw tooManyRequests(detail, retryAfterSeconds(e.msBeforeNext));
      throw e;
    }
  }
}
