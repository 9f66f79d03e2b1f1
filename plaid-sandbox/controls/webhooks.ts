/** GET /__sandbox/webhooks: the webhooks sent, newest last, with body, signature and delivery outcome. */
import { Router } from 'express';
import { z } from 'zod';
import type { SandboxDeps } from '../core/deps';
import { listWebhooks } from '../store/webhooks';
import { control } from './control';

export function webhookControls(deps: SandboxDeps): Router {
  const r = Router();
  r.get(
    '/webhooks',
    control(
      z.strictObject({
        item_id: z.string().optional(),
        webhook_type: z.string().optional(),
        webhook_code: z.string().optional(),
        after_id: z.string().regex(/^\d+$/).optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
      async (q) => {
        const rows = await listWebhooks(deps.pool, { itemId: q.item_id, type: q.webhook_type, code: q.webhook_code, afterId: q.after_id, limit: q.limit });
        return {
          webhooks: rows.map((w) => ({
            webhook_id: Number(w.webhook_id),
            item_id: w.item_id,
            url: w.url,
            webhook_type: w.webhook_type,
            webhook_code: w.webhook_code,
            body: JSON.parse(w.body),
            plaid_verification: w.verification,
            status: w.status,
            response_status: w.response_status,
            error: w.error,
            created_at: w.created_at.toISOString(),
            finished_at: w.finished_at?.toISOString() ?? null,
          })),
        };
      },
    ),
  );
  return r;
}
