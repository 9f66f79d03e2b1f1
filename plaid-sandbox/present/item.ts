/** The Item object (and ItemWithConsentFields for /item/get). */
import { isoDateTime } from '../clock';
import { plaidError, type PlaidErrorCode } from '../http/plaid-error';
import type { ItemRow } from '../store/items';

/** Products an Item at the sandbox institutions could add later. */
const OFFERED = ['assets', 'auth', 'balance', 'identity', 'investments', 'liabilities', 'signal', 'transactions', 'transfer'];

export function itemErrorBody(item: ItemRow): Record<string, unknown> | null {
  return item.error_code ? { ...plaidError(item.error_code as PlaidErrorCode).toBody(), status: 400 } : null;
}

export function presentItem(item: ItemRow, opts: { consentFields?: boolean } = {}): Record<string, unknown> {
  const billed = item.products.filter((p) => p !== 'balance');
  return {
    item_id: item.item_id,
    institution_id: item.institution_id,
    institution_name: item.institution_name,
    webhook: item.webhook,
    auth_method: null,
    error: itemErrorBody(item),
    available_products: OFFERED.filter((p) => !billed.includes(p)),
    billed_products: billed,
    products: billed,
    consented_products: billed,
    consent_expiration_time: null,
    update_type: 'background',
    ...(opts.consentFields ? { created_at: isoDateTime(item.created_at) } : {}),
  };
}

/** ItemStatus of /item/get: when transactions last updated and which webhook was last sent. */
export function presentItemStatus(item: ItemRow): Record<string, unknown> {
  return {
    investments: null,
    transactions: {
      last_successful_update: item.history_state === 'ready' ? isoDateTime(item.created_at) : null,
      last_failed_update: null,
    },
    last_webhook: item.last_webhook_code ? { sent_at: item.last_webhook_at ? isoDateTime(item.last_webhook_at) : null, code_sent: item.last_webhook_code } : null,
  };
}
