/**
 * What Timely does with a verified Plaid webhook: record it, then act. For now: ITEM/ERROR with
 * ITEM_LOGIN_REQUIRED (and ITEM/PENDING_EXPIRATION) marks the item as needing a new login.
 * Returns what it did, so the caller (the API) can trigger follow-ups such as an evaluation.
 */
import { itemByPlaidId, setItemStatus } from './bank-store';
import type { BankDeps } from './deps';

export interface PlaidWebhookBody {
  webhook_type: string;
  webhook_code: string;
  item_id?: string;
  error?: { error_code?: string } | null;
  [k: string]: unknown;
}

export interface WebhookOutcome {
  recorded: true;
  accountId?: string;
  action: 'none' | 'marked_login_required' | 'sync_updates_available' | 'transfer_events_update';
}

export async function handlePlaidWebhook(deps: BankDeps, body: PlaidWebhookBody): Promise<WebhookOutcome> {
  await deps.pool.query('INSERT INTO bank.webhooks (webhook_type, webhook_code, plaid_item_id, body) VALUES ($1, $2, $3, $4)', [
    body.webhook_type,
    body.webhook_code,
    body.item_id ?? null,
    body,
  ]);
  if (body.webhook_type === 'TRANSFER' && body.webhook_code === 'TRANSFER_EVENTS_UPDATE') return { recorded: true, action: 'transfer_events_update' };
  const item = body.item_id ? await itemByPlaidId(deps.pool, body.item_id) : undefined;
  if (!item || item.status === 'removed') return { recorded: true, action: 'none' };
  const loginNeeded =
    (body.webhook_type === 'ITEM' && body.webhook_code === 'ERROR' && body.error?.error_code === 'ITEM_LOGIN_REQUIRED') ||
    (body.webhook_type === 'ITEM' && body.webhook_code === 'PENDING_EXPIRATION');
  if (loginNeeded) {
    await setItemStatus(deps.pool, item.id, 'login_required', body.error?.error_code ?? body.webhook_code);
    return { recorded: true, accountId: item.accountId, action: 'marked_login_required' };
  }
  if (body.webhook_type === 'TRANSACTIONS' && body.webhook_code === 'SYNC_UPDATES_AVAILABLE')
    return { recorded: true, accountId: item.accountId, action: 'sync_updates_available' };
  return { recorded: true, accountId: item.accountId, action: 'none' };
}
