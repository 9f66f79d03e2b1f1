/**
 * What a failed Plaid call means for Timely. Plaid answers errors as a body with error_type and
 * error_code; the client throws an axios error carrying it. Network failures and timeouts have
 * no body. The classification decides: mark the item and stop (no retry can fix it), retry with
 * backoff, or report the bank as unavailable.
 */
import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '../../platform/errors';

export interface PlaidErrorInfo {
  status?: number;
  errorType?: string;
  errorCode?: string;
  message: string;
  displayMessage?: string | null;
  requestId?: string;
}

export type PlaidErrorClass =
  | 'login_required' // the customer must re-link: mark the item, no retry
  | 'invalid_token' // our token is no longer valid (item removed at Plaid): mark, no retry
  | 'retry' // rate limits, PRODUCT_NOT_READY, Plaid 5xx, network: retry with backoff
  | 'mutation_during_pagination' // /transactions/sync: restart from the first cursor of the loop
  | 'invalid_request'; // our request is wrong or the input is unknown: no retry

export function plaidErrorInfo(err: unknown): PlaidErrorInfo | undefined {
  const e = err as { isAxiosError?: boolean; response?: { status: number; data?: Record<string, unknown> }; code?: string; message?: string };
  if (!e?.isAxiosError) return undefined;
  const data = e.response?.data ?? {};
  return {
    status: e.response?.status,
    errorType: data.error_type as string | undefined,
    errorCode: (data.error_code as string | undefined) ?? e.code,
    message: (data.error_message as string | undefined) ?? e.message ?? 'Plaid request failed',
    displayMessage: data.display_message as string | null | undefined,
    requestId: data.request_id as string | undefined,
  };
}

export function classifyPlaidError(info: PlaidErrorInfo): PlaidErrorClass {
  switch (info.errorCode) {
    case 'ITEM_LOGIN_REQUIRED':
    case 'PENDING_EXPIRATION':
    case 'ACCESS_NOT_GRANTED':
      return 'login_required';
    case 'INVALID_ACCESS_TOKEN':
    case 'ITEM_NOT_FOUND':
      return 'invalid_token';
    case 'PRODUCT_NOT_READY':
      return 'retry';
    case 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION':
      return 'mutation_during_pagination';
  }
  if (info.errorType === 'RATE_LIMIT_EXCEEDED' || info.status === 429) return 'retry';
  if (info.status === undefined || info.status >= 500 || info.errorType === 'API_ERROR' || info.errorType === 'INSTITUTION_ERROR') return 'retry';
  return 'invalid_request';
}

/** For the API: a Plaid failure as a problem the customer can act on. */
export function plaidDomainError(err: unknown): DomainError | undefined {
  const info = plaidErrorInfo(err);
  if (!info) return undefined;
  const cls = classifyPlaidError(info);
  if (cls === 'login_required')
    return new DomainError('conflict', 'bank-login-required', 'Your bank needs you to sign in again. Link your bank again to continue.');
  if (cls === 'retry' || cls === 'mutation_during_pagination')
    return new DomainError('unavailable', 'bank-unavailable', `Our bank data provider is not answering right now (${info.errorCode ?? info.status ?? 'no answer'}). Try again in a minute.`);
  return undefined;
}

/**
 * For activities: permanent failures become non-retryable ApplicationFailures typed by class,
 * so a workflow can end with a reason; transient ones are rethrown for Temporal to retry.
 */
export function toActivityFailure(err: unknown): Error {
  const info = plaidErrorInfo(err);
  if (!info) return err as Error;
  const cls = classifyPlaidError(info);
  const summary = `Plaid ${info.errorType ?? ''} ${info.errorCode ?? info.status ?? ''}: ${info.message}`.replace(/\s+/g, ' ');
  if (cls === 'retry' || cls === 'mutation_during_pagination') return ApplicationFailure.retryable(summary, `PLAID_${cls.toUpperCase()}`, { ...info });
  const type = cls === 'login_required' ? 'BANK_LOGIN_REQUIRED' : cls === 'invalid_token' ? 'BANK_TOKEN_INVALID' : 'PLAID_INVALID_REQUEST';
  return ApplicationFailure.nonRetryable(summary, type, { ...info });
}
