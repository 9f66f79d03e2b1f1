/**
 * What a failed Plaid call means for Timely. Plaid answers errors as a body with error_type and
 * error_code; the client throws an axios error carrying it, together with the whole request
 * (PLAID-SECRET header, access tokens, customers' names) and the whole answer. That error is
 * reduced to a PlaidError (safe fields only) the moment a call fails, by the client wrapper
 * below, so no caller, log line or Temporal failure ever holds the axios object. Network failures
 * and timeouts have no body. The classification decides: mark the item and stop (no retry can
 * fix it), retry with backoff, or report the bank as unavailable.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { PlaidApi } from 'plaid';
import { DomainError } from '../../platform/errors';
import { isHttpClientObject, summarizeHttpClientError, HttpClientErrorSummary } from '../../platform/http-client-error';

export interface PlaidErrorInfo {
  status?: number;
  errorType?: string;
  errorCode?: string;
  message: string;
  displayMessage?: string | null;
  requestId?: string;
  endpoint?: string;
}

/** A failed Plaid call: { error_type, error_code, request_id, status, endpoint, code } and a message, nothing else. */
export class PlaidError extends Error {
  readonly status?: number;
  readonly error_type?: string;
  readonly error_code?: string;
  readonly request_id?: string;
  readonly endpoint?: string;
  /** network-level code (ECONNREFUSED, ECONNABORTED for a timeout...) when there was no answer */
  readonly code?: string;
  readonly display_message?: string;
  /** Plaid's own error text (or "HTTP 500" / "no answer (ECONNREFUSED)"). */
  readonly plaidMessage: string;

  constructor(s: HttpClientErrorSummary) {
    super(`Plaid ${s.endpoint ?? ''} failed: ${[s.error_type, s.error_code ?? s.code, s.status].filter(Boolean).join(' ')} ${s.message}`.replace(/\s+/g, ' '));
    this.name = 'PlaidError';
    Object.assign(this, {
      status: s.status,
      error_type: s.error_type,
      error_code: s.error_code,
      request_id: s.request_id,
      endpoint: s.endpoint,
      code: s.code,
      display_message: s.display_message,
    });
    this.plaidMessage = s.message;
    for (const k of Object.keys(this) as (keyof this)[]) if (this[k] === undefined) delete this[k];
  }
}

/** The axios error of a failed Plaid call as a PlaidError; anything else unchanged. */
export function toPlaidError(err: unknown): unknown {
  if (err instanceof PlaidError || !isHttpClientObject(err)) return err;
  return new PlaidError(summarizeHttpClientError(err));
}

/**
 * The Plaid client with every method's failure reduced to a PlaidError before it reaches the
 * caller: the one place Plaid calls are wrapped, so no call site can forget it.
 */
export function withSafePlaidErrors(api: PlaidApi): PlaidApi {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(api, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function' || prop === 'constructor') return value;
      if (!wrapped.has(prop)) {
        const fn = value as (...args: unknown[]) => unknown;
        wrapped.set(prop, (...args: unknown[]) => {
          let result: unknown;
          try {
            result = fn.apply(target, args);
          } catch (err) {
            throw toPlaidError(err);
          }
          return result instanceof Promise ? result.catch((err: unknown) => Promise.reject(toPlaidError(err))) : result;
        });
      }
      return wrapped.get(prop);
    },
  });
}

export type PlaidErrorClass =
  | 'login_required' // the customer must re-link: mark the item, no retry
  | 'invalid_token' // our token is no longer valid (item removed at Plaid): mark, no retry
  | 'retry' // rate limits, PRODUCT_NOT_READY, Plaid 5xx, network: retry with backoff
  | 'mutation_during_pagination' // /transactions/sync: restart from the first cursor of the loop
  | 'invalid_request'; // our request is wrong or the input is unknown: no retry

export function plaidErrorInfo(err: unknown): PlaidErrorInfo | undefined {
  const e = toPlaidError(err);
  if (!(e instanceof PlaidError)) return undefined;
  return {
    status: e.status,
    errorType: e.error_type,
    errorCode: e.error_code ?? e.code,
    message: e.plaidMessage,
    displayMessage: e.display_message,
    requestId: e.request_id,
    endpoint: e.endpoint,
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
