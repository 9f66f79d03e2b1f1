/**
 * Plaid's per-Item rate limits, at the Sandbox thresholds (plaid.com/docs/errors/rate-limit-exceeded),
 * so Timely's handling of 429 RATE_LIMIT_EXCEEDED can be exercised. Per-client limits are not
 * emulated: they would cap a 100,000-account benchmark. Fixed one-minute windows on the wall
 * clock (rate limiting is about real time, not the simulated one); in memory, per process.
 */
import { plaidError, type PlaidErrorCode } from './plaid-error';

export const ITEM_LIMITS = {
  '/accounts/get': { perMinute: 100, code: 'ACCOUNTS_LIMIT' },
  '/accounts/balance/get': { perMinute: 25, code: 'BALANCE_LIMIT' },
  '/identity/get': { perMinute: 100, code: 'IDENTITY_LIMIT' },
  '/item/get': { perMinute: 40, code: 'ITEM_GET_LIMIT' },
  '/transactions/sync': { perMinute: 50, code: 'TRANSACTIONS_SYNC_LIMIT' },
} as const satisfies Record<string, { perMinute: number; code: PlaidErrorCode }>;

export type LimitedEndpoint = keyof typeof ITEM_LIMITS;

export class ItemRateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly enabled: boolean,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a call; throws the endpoint's RATE_LIMIT_EXCEEDED error past the threshold. */
  hit(endpoint: LimitedEndpoint, itemId: string): void {
    if (!this.enabled) return;
    const now = this.now();
    const key = `${endpoint} ${itemId}`;
    let w = this.windows.get(key);
    if (!w || now - w.start >= 60_000) {
      if (this.windows.size > 500_000) this.prune(now);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    if (w.count > ITEM_LIMITS[endpoint].perMinute) throw plaidError(ITEM_LIMITS[endpoint].code);
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= 60_000) this.windows.delete(k);
  }
}
