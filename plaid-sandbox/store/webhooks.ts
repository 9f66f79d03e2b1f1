/** plaid_sandbox.webhooks: every webhook the sandbox sent, with its signed body and outcome. */
import type { Db } from './db';

export interface WebhookRow {
  webhook_id: string;
  item_id: string | null;
  url: string;
  webhook_type: string;
  webhook_code: string;
  body: string;
  verification: string;
  status: 'sending' | 'delivered' | 'failed';
  response_status: number | null;
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

export async function insertWebhook(
  db: Db,
  w: Pick<WebhookRow, 'item_id' | 'url' | 'webhook_type' | 'webhook_code' | 'body' | 'verification' | 'created_at'>,
): Promise<string> {
  const { rows } = await db.query<{ webhook_id: string }>(
    `INSERT INTO plaid_sandbox.webhooks (item_id, url, webhook_type, webhook_code, body, verification, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'sending', $7) RETURNING webhook_id::text`,
    [w.item_id, w.url, w.webhook_type, w.webhook_code, w.body, w.verification, w.created_at],
  );
  return rows[0].webhook_id;
}

export async function finishWebhook(db: Db, id: string, outcome: { status: 'delivered' | 'failed'; responseStatus: number | null; error: string | null }): Promise<void> {
  await db.query('UPDATE plaid_sandbox.webhooks SET status = $2, response_status = $3, error = $4, finished_at = now() WHERE webhook_id = $1', [
    id,
    outcome.status,
    outcome.responseStatus,
    outcome.error,
  ]);
}

export interface WebhookFilter {
  itemId?: string;
  type?: string;
  code?: string;
  afterId?: string;
  limit: number;
}

export async function listWebhooks(db: Db, f: WebhookFilter): Promise<WebhookRow[]> {
  const { rows } = await db.query<WebhookRow>(
    `SELECT webhook_id::text, item_id, url, webhook_type, webhook_code, body, verification, status, response_status, error, created_at, finished_at
       FROM plaid_sandbox.webhooks
      WHERE ($1::text IS NULL OR item_id = $1) AND ($2::text IS NULL OR webhook_type = $2) AND ($3::text IS NULL OR webhook_code = $3)
        AND ($4::bigint IS NULL OR webhook_id > $4::bigint)
      ORDER BY webhook_id LIMIT $5`,
    [f.itemId ?? null, f.type ?? null, f.code ?? null, f.afterId ?? null, f.limit],
  );
  return rows;
}
