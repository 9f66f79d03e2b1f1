/** Webhook bodies, shaped like the spec's *Webhook schemas. */
import type { PlaidApiError } from '../http/plaid-error';
import type { WebhookBody } from './dispatcher';

const ENV = 'sandbox' as const;

/** TRANSACTIONS / SYNC_UPDATES_AVAILABLE (SyncUpdatesAvailableWebhook). */
export const syncUpdatesAvailable = (itemId: string): WebhookBody => ({
  webhook_type: 'TRANSACTIONS',
  webhook_code: 'SYNC_UPDATES_AVAILABLE',
  item_id: itemId,
  initial_update_complete: true,
  historical_update_complete: true,
  environment: ENV,
});

/** TRANSACTIONS / DEFAULT_UPDATE (DefaultUpdateWebhook). */
export const transactionsDefaultUpdate = (itemId: string, newTransactions: number): WebhookBody => ({
  webhook_type: 'TRANSACTIONS',
  webhook_code: 'DEFAULT_UPDATE',
  item_id: itemId,
  error: null,
  new_transactions: newTransactions,
  environment: ENV,
});

/** ITEM / ERROR (ItemErrorWebhook); the embedded error carries `status`, as Plaid's does. */
export const itemError = (itemId: string, error: PlaidApiError): WebhookBody => ({
  webhook_type: 'ITEM',
  webhook_code: 'ERROR',
  item_id: itemId,
  error: error.toBody(undefined, true),
  environment: ENV,
});

/** ITEM / LOGIN_REPAIRED (ItemLoginRepairedWebhook). */
export const loginRepaired = (itemId: string): WebhookBody => ({ webhook_type: 'ITEM', webhook_code: 'LOGIN_REPAIRED', item_id: itemId, environment: ENV });

export const newAccountsAvailable = (itemId: string): WebhookBody => ({
  webhook_type: 'ITEM',
  webhook_code: 'NEW_ACCOUNTS_AVAILABLE',
  item_id: itemId,
  error: null,
  environment: ENV,
});

export const pendingDisconnect = (itemId: string, disconnectTime: string): WebhookBody => ({
  webhook_type: 'ITEM',
  webhook_code: 'PENDING_DISCONNECT',
  item_id: itemId,
  reason: 'INSTITUTION_TOKEN_EXPIRATION',
  disconnect_time: disconnectTime,
  environment: ENV,
});

export const userPermissionRevoked = (itemId: string): WebhookBody => ({
  webhook_type: 'ITEM',
  webhook_code: 'USER_PERMISSION_REVOKED',
  item_id: itemId,
  error: null,
  environment: ENV,
});

export const userAccountRevoked = (itemId: string, accountId: string): WebhookBody => ({
  webhook_type: 'ITEM',
  webhook_code: 'USER_ACCOUNT_REVOKED',
  item_id: itemId,
  account_id: accountId,
  environment: ENV,
});

/** TRANSFER / TRANSFER_EVENTS_UPDATE: no ids; the receiver calls /transfer/event/sync. */
export const transferEventsUpdate = (): WebhookBody => ({ webhook_type: 'TRANSFER', webhook_code: 'TRANSFER_EVENTS_UPDATE', environment: ENV });
