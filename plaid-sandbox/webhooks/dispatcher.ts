/**
 * Sends webhooks: signs the exact body, records it (plaid_sandbox.webhooks, listed by
 * GET /__sandbox/webhooks), then POSTs it in the background so the API call that caused it is
 * not slowed down. Like Plaid, a failed delivery is recorded but not retried here.
 */
import type { Pool } from 'pg';
import type { Logger } from '../../platform/logger';
import type { SandboxClock } from '../clock';
import { recordItemWebhook } from '../store/items';
import { finishWebhook, insertWebhook } from '../store/webhooks';
import { type SigningKey, signWebhookBody } from './signer';

export interface WebhookBody {
  webhook_type: string;
  webhook_code: string;
  [k: string]: unknown;
}

export interface OutgoingWebhook {
  itemId: string | null;
  url: string;
  body: WebhookBody;
}

export class WebhookDispatcher {
  private inFlight = new Set<Promise<void>>();

  constructor(
    private readonly pool: Pool,
    private readonly key: () => SigningKey,
    private readonly clock: SandboxClock,
    private readonly log: Logger,
    private readonly timeoutMs = 5000,
  ) {}

  /** Records and starts delivering; resolves once recorded (delivery continues in the background). */
  async send(w: OutgoingWebhook): Promise<void> {
    const body = JSON.stringify(w.body, null, 2); // Plaid sends pretty-printed JSON; the signature covers these exact bytes
    const verification = signWebhookBody(this.key(), body);
    const now = this.clock.now();
    const id = await insertWebhook(this.pool, {
      item_id: w.itemId,
      url: w.url,
      webhook_type: w.body.webhook_type,
      webhook_code: w.body.webhook_code,
      body,
      verification,
      created_at: now,
    });
    if (w.itemId) await recordItemWebhook(this.pool, w.itemId, w.body.webhook_code, now);
    const delivery = this.deliver(id, w.url, body, verification).finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
  }

  async sendAll(ws: OutgoingWebhook[]): Promise<void> {
    for (const w of ws) await this.send(w);
  }

  /** Waits for every delivery started so far (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async deliver(id: string, url: string, body: string, verification: string): Promise<void> {
    let outcome: { status: 'delivered' | 'failed'; responseStatus: number | null; error: string | null };
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Plaid-Verification': verification, 'User-Agent': 'Plaid Verifier' },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      outcome = res.ok ? { status: 'delivered', responseStatus: res.status, error: null } : { status: 'failed', responseStatus: res.status, error: `HTTP ${res.status}` };
    } catch (err) {
      outcome = { status: 'failed', responseStatus: null, error: (err as Error).message };
    }
    if (outcome.status === 'failed') this.log.warn({ url, webhookId: id, error: outcome.error }, 'plaid sandbox webhook delivery failed');
    await finishWebhook(this.pool, id, outcome).catch((err) => this.log.warn({ err }, 'could not record webhook outcome'));
  }
}
