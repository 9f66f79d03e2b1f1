/**
 * Webhooks after transfer events: one TRANSFER_EVENTS_UPDATE per destination (it carries no ids;
 * receivers call /transfer/event/sync), and SYNC_UPDATES_AVAILABLE for Items whose account got a
 * settled transfer booked.
 * Destination: the simulate call's `webhook`, else the sandbox's transfer webhook URL (option or
 * control), else the Item's webhook.
 */
import type { SandboxDeps } from '../core/deps';
import { findItem } from '../store/items';
import { syncUpdatesAvailable, transferEventsUpdate } from '../webhooks/bodies';
import type { OutgoingWebhook } from '../webhooks/dispatcher';

export interface TouchedItem {
  itemId: string;
  booked: boolean;
}

export async function notifyTransferEvents(deps: SandboxDeps, touched: TouchedItem[], explicitUrl?: string): Promise<void> {
  if (touched.length === 0) return;
  const configured = explicitUrl ?? (await deps.transferWebhookUrl());
  const transferUrls = new Set<string>();
  const out: OutgoingWebhook[] = [];
  const booked = new Set<string>();
  for (const t of touched) {
    const item = await findItem(deps.pool, t.itemId);
    const url = configured ?? item?.webhook ?? null;
    if (url) transferUrls.add(url);
    if (t.booked && item?.webhook && item.products.includes('transactions') && !booked.has(item.item_id)) {
      booked.add(item.item_id);
      out.push({ itemId: item.item_id, url: item.webhook, body: syncUpdatesAvailable(item.item_id) });
    }
  }
  for (const url of transferUrls) out.unshift({ itemId: null, url, body: transferEventsUpdate() });
  await deps.webhooks.sendAll(out);
}
