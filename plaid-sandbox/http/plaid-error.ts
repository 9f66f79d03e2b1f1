/**
 * Plaid's error object (PlaidError in the spec) and the catalogue of errors the sandbox answers,
 * each with the HTTP status, error_type and message Plaid documents (plaid.com/docs/errors).
 * Throw `plaidError('CODE')` anywhere in a handler; the endpoint wrapper renders it.
 */

export type PlaidErrorType =
  | 'INVALID_REQUEST'
  | 'INVALID_INPUT'
  | 'ITEM_ERROR'
  | 'API_ERROR'
  | 'RATE_LIMIT_EXCEEDED'
  | 'TRANSACTIONS_ERROR'
  | 'TRANSFER_ERROR'
  | 'SANDBOX_ERROR';

interface CatalogEntry {
  type: PlaidErrorType;
  status: number;
  message: string;
  display: string | null;
  docs: string;
}

const DOCS = 'https://plaid.com/docs/errors';
const RATE_MESSAGE = 'rate limit exceeded for attempts to access this item. please try again later';

const CATALOG = {
  // Invalid request (https://plaid.com/docs/errors/invalid-request/)
  INVALID_BODY: { type: 'INVALID_REQUEST', status: 400, message: 'body could not be parsed as JSON', display: null, docs: `${DOCS}/invalid-request/#invalid_body` },
  INVALID_HEADERS: { type: 'INVALID_REQUEST', status: 400, message: 'the Content-Type header must be application/json', display: null, docs: `${DOCS}/invalid-request/#invalid_headers` },
  MISSING_FIELDS: { type: 'INVALID_REQUEST', status: 400, message: 'the following required fields are missing', display: null, docs: `${DOCS}/invalid-request/#missing_fields` },
  UNKNOWN_FIELDS: { type: 'INVALID_REQUEST', status: 400, message: 'the following fields are not recognized by this endpoint', display: null, docs: `${DOCS}/invalid-request/#unknown_fields` },
  INVALID_FIELD: { type: 'INVALID_REQUEST', status: 400, message: 'one or more of the request body fields were improperly formatted or invalid', display: null, docs: `${DOCS}/invalid-request/#invalid_field` },
  NOT_FOUND: { type: 'INVALID_REQUEST', status: 404, message: 'not found', display: null, docs: `${DOCS}/invalid-request/#not_found` },
  // Invalid input (https://plaid.com/docs/errors/invalid-input/)
  INVALID_API_KEYS: { type: 'INVALID_INPUT', status: 400, message: 'invalid client_id or secret provided', display: null, docs: `${DOCS}/invalid-input/#invalid_api_keys` },
  INVALID_ACCESS_TOKEN: { type: 'INVALID_INPUT', status: 400, message: 'could not find matching access token', display: null, docs: `${DOCS}/invalid-input/#invalid_access_token` },
  INVALID_PUBLIC_TOKEN: { type: 'INVALID_INPUT', status: 400, message: 'could not find matching public token', display: null, docs: `${DOCS}/invalid-input/#invalid_public_token` },
  INVALID_ACCOUNT_ID: { type: 'INVALID_INPUT', status: 400, message: 'failed to find requested account ID for requested item', display: null, docs: `${DOCS}/invalid-input/#invalid_account_id` },
  INVALID_INSTITUTION: { type: 'INVALID_INPUT', status: 400, message: 'invalid institution_id provided', display: null, docs: `${DOCS}/invalid-input/#invalid_institution` },
  // What Link reports (onExit's error) for an unknown or expired link_token.
  INVALID_LINK_TOKEN: {
    type: 'INVALID_INPUT',
    status: 400,
    message: 'provided link token is in an invalid format or has expired',
    display: null,
    docs: `${DOCS}/invalid-input/#invalid_link_token`,
  },
  INVALID_PRODUCT: { type: 'INVALID_INPUT', status: 400, message: 'invalid product provided', display: null, docs: `${DOCS}/invalid-input/#invalid_product` },
  INVALID_WEBHOOK_VERIFICATION_KEY_ID: {
    type: 'INVALID_INPUT',
    status: 400,
    message: 'invalid key_id provided. note that key_ids are specific to Plaid environments, and verification requests must be made to the same environment that the webhook was sent from',
    display: null,
    docs: `${DOCS}/invalid-input/#invalid_webhook_verification_key_id`,
  },
  // Item (https://plaid.com/docs/errors/item/)
  ITEM_LOGIN_REQUIRED: {
    type: 'ITEM_ERROR',
    status: 400,
    message: "the login details of this item have changed (credentials, MFA, or required user action) and a user login is required to update this information. use Link's update mode to restore the item to a good state",
    display: null,
    docs: `${DOCS}/item/#item_login_required`,
  },
  ITEM_NOT_FOUND: {
    type: 'ITEM_ERROR',
    status: 400,
    message: 'The Item you requested cannot be found. This Item does not exist, has been previously removed via /item/remove, or has had access removed by the user.',
    display: null,
    docs: `${DOCS}/item/#item_not_found`,
  },
  INVALID_CREDENTIALS: {
    type: 'ITEM_ERROR',
    status: 400,
    message: 'the provided credentials were not correct',
    display: 'The provided credentials were not correct. Please try again.',
    docs: `${DOCS}/item/#invalid_credentials`,
  },
  // Transactions (https://plaid.com/docs/errors/transactions/)
  TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION: {
    type: 'TRANSACTIONS_ERROR',
    status: 400,
    message: 'Underlying transaction data changed since last page was fetched. Please restart pagination from last update.',
    display: null,
    docs: `${DOCS}/transactions/#transactions_sync_mutation_during_pagination`,
  },
  // Rate limits (https://plaid.com/docs/errors/rate-limit-exceeded/): per Item, Sandbox thresholds
  ACCOUNTS_LIMIT: { type: 'RATE_LIMIT_EXCEEDED', status: 429, message: RATE_MESSAGE, display: null, docs: `${DOCS}/rate-limit-exceeded/#accounts_limit` },
  BALANCE_LIMIT: { type: 'RATE_LIMIT_EXCEEDED', status: 429, message: RATE_MESSAGE, display: null, docs: `${DOCS}/rate-limit-exceeded/#balance_limit` },
  IDENTITY_LIMIT: { type: 'RATE_LIMIT_EXCEEDED', status: 429, message: RATE_MESSAGE, display: null, docs: `${DOCS}/rate-limit-exceeded/#identity_limit` },
  ITEM_GET_LIMIT: { type: 'RATE_LIMIT_EXCEEDED', status: 429, message: RATE_MESSAGE, display: null, docs: `${DOCS}/rate-limit-exceeded/#item_get_limit` },
  TRANSACTIONS_SYNC_LIMIT: { type: 'RATE_LIMIT_EXCEEDED', status: 429, message: RATE_MESSAGE, display: null, docs: `${DOCS}/rate-limit-exceeded/#transactions_sync_limit` },
  // Transfer (https://plaid.com/docs/errors/transfer/)
  TRANSFER_NOT_CANCELLABLE: { type: 'TRANSFER_ERROR', status: 400, message: 'transfer is not cancellable', display: null, docs: `${DOCS}/transfer/#transfer_not_cancellable` },
  TRANSFER_UNSUPPORTED_ACCOUNT_TYPE: { type: 'TRANSFER_ERROR', status: 400, message: 'transfer account type not supported', display: null, docs: `${DOCS}/transfer/#transfer_unsupported_account_type` },
  TRANSFER_NETWORK_LIMIT_EXCEEDED: { type: 'TRANSFER_ERROR', status: 400, message: 'transaction amount exceeds the network limit', display: null, docs: `${DOCS}/transfer/#transfer_network_limit_exceeded` },
  // Sandbox (https://plaid.com/docs/errors/sandbox/)
  SANDBOX_PRODUCT_NOT_ENABLED: { type: 'SANDBOX_ERROR', status: 400, message: 'The requested product is not enabled on this item', display: null, docs: `${DOCS}/sandbox/#sandbox_product_not_enabled` },
  SANDBOX_WEBHOOK_INVALID: {
    type: 'SANDBOX_ERROR',
    status: 400,
    message: "Webhook for this item is either not set up, or invalid. Please update the item's webhook and try again.",
    display: null,
    docs: `${DOCS}/sandbox/#sandbox_webhook_invalid`,
  },
  SANDBOX_TRANSFER_EVENT_TRANSITION_INVALID: {
    type: 'SANDBOX_ERROR',
    status: 400,
    message: 'The provided simulated event type is incompatible with the current transfer status',
    display: null,
    docs: `${DOCS}/sandbox/#sandbox_transfer_event_transition_invalid`,
  },
  // API (https://plaid.com/docs/errors/api/)
  INTERNAL_SERVER_ERROR: {
    type: 'API_ERROR',
    status: 500,
    message: 'an unexpected error occurred',
    display: 'Something went wrong. Please try again later.',
    docs: `${DOCS}/api/#internal_server_error`,
  },
} satisfies Record<string, CatalogEntry>;

export type PlaidErrorCode = keyof typeof CATALOG;

/** The JSON body Plaid answers with (and embeds in ITEM ERROR webhooks). */
export interface PlaidErrorBody {
  error_type: PlaidErrorType;
  error_code: PlaidErrorCode;
  error_code_reason: null;
  error_message: string;
  display_message: string | null;
  request_id?: string;
  causes: unknown[];
  status?: number;
  documentation_url: string;
  suggested_action: string | null;
}

export class PlaidApiError extends Error {
  readonly entry: CatalogEntry;
  constructor(
    readonly code: PlaidErrorCode,
    /** Overrides the catalogue message, e.g. to name the offending field. */
    readonly detail?: string,
  ) {
    super(detail ?? CATALOG[code].message);
    this.name = 'PlaidApiError';
    this.entry = CATALOG[code];
  }

  get status(): number {
    return this.entry.status;
  }

  /** The response body. `withStatus` adds `status`, which Plaid includes only inside webhooks. */
  toBody(requestId?: string, withStatus = false): PlaidErrorBody {
    return {
      error_type: this.entry.type,
      error_code: this.code,
      error_code_reason: null,
      error_message: this.message,
      display_message: this.entry.display,
      ...(requestId === undefined ? {} : { request_id: requestId }),
      causes: [],
      ...(withStatus ? { status: this.entry.status } : {}),
      documentation_url: this.entry.docs,
      suggested_action: null,
    };
  }
}

export const plaidError = (code: PlaidErrorCode, detail?: string): PlaidApiError => new PlaidApiError(code, detail);

/** A field-level INVALID_FIELD with Plaid's habit of naming the field in the message. */
export const invalidField = (field: string, problem: string): PlaidApiError =>
  new PlaidApiError('INVALID_FIELD', `${field} ${problem}`);
