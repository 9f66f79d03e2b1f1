/** What the sandbox's handlers share: storage, the clock, webhooks. */
import type { Pool } from 'pg';
import type { Logger } from '../../platform/logger';
import type { SandboxClock } from '../clock';
import type { ItemRateLimiter } from '../http/rate-limit';
import type { WebhookDispatcher } from '../webhooks/dispatcher';
import type { SigningKey } from '../webhooks/signer';

export interface SandboxDeps {
  pool: Pool;
  clock: SandboxClock;
  webhooks: WebhookDispatcher;
  signingKey(): SigningKey;
  log: Logger;
  /** Where TRANSFER_EVENTS_UPDATE goes when nothing more specific is set. */
  transferWebhookUrl(): Promise<string | null>;
  /** Plaid's per-Item rate limits (no-op unless enabled). */
  rateLimiter: ItemRateLimiter;
  /** Name on the customer's statement for transfers (the ACH originator). */
  originatorName: string;
}
