/**
 * May this transfer be tried again? The Nacha retry policy as one pure function, used by the
 * Transfer workflow (support staff's "retry" Update) and by the evaluate rules (collecting a
 * repayment again on the next income).
 *
 * Decisions, and why:
 * - RETURNED DEBIT (a repayment the customer's bank sent back):
 *   R01/R09 -> may be presented again at most twice, within 180 days of the ORIGINAL entry's
 *     settlement date (Nacha). The new entry must say "RETRY PYMT" in its company entry
 *     description, so the answer carries it.
 *   R07/R08 -> only with a new authorization from the customer; not a retry of this transfer.
 *   never-list (R02 R03 R04 R10 R16 R20 R29 and final codes like deceased, account sold) -> never.
 *   anything else, unknown codes included -> a person must correct the cause first; then it is a
 *     new transfer with corrected data, not a retry.
 * - RETURNED CREDIT (an advance that came back): never re-sent. The money is back with us; the
 *   next evaluation decides afresh on fresh data (and the never-list codes block the account).
 * - FAILED (Plaid `failed`: rejected before entering the ACH network): no entry was presented,
 *   so Nacha's count and window do not apply and a retry is allowed, up to
 *   MAX_RETRIES_AFTER_FAILURE times to stop a loop. If the failure carries a return code that
 *   says the account is unusable (never-list) or the authorization is gone, that still holds.
 */
import { IsoDate, addDays, assertIsoDate, compareDates } from '../dates';
import { ReturnCodeInfo, returnCodeInfo } from './return-codes';

export * from './return-codes';

export const ACH_RETRY_POLICY_VERSION = 'ach-retry-1.0.0';
/** Nacha: an R01/R09 return may be reinitiated at most twice after the original entry. */
export const MAX_REPRESENTMENTS = 2;
/** Nacha: ...within 180 days after the settlement date of the original entry. */
export const REPRESENTMENT_WINDOW_DAYS = 180;
/** Our own limit for transfers that failed before reaching the network. */
export const MAX_RETRIES_AFTER_FAILURE = 3;
/** Nacha: a reinitiated entry carries this company entry description. */
export const RETRY_ENTRY_DESCRIPTION = 'RETRY PYMT';

export type TransferDirection = 'credit' | 'debit';

export interface RetryRequest {
  /** credit = money to the customer (advance); debit = money from the customer (repayment). */
  direction: TransferDirection;
  /** returned = came back through the ACH network; failed = never entered it (Plaid `failed`). */
  outcome: 'returned' | 'failed';
  /** Nacha return code (Plaid failure_reason.ach_return_code / failure_code), if any. */
  returnCode?: string | null;
  /** How many times the returned entry has already been presented again (0 after the first return). */
  priorRepresentments: number;
  /**
   * Settlement date of the ORIGINAL entry. When Plaid never reported `settled` (posted ->
   * returned), pass the posted date: it is never later than settlement, so the window can only
   * close early, never late.
   */
  originalSettlementDate?: IsoDate | null;
  /** Retries already made after `failed` outcomes (failed outcome only). */
  priorFailedRetries?: number;
  today: IsoDate;
}

export type RetryRefusalCode =
  | 'NEVER_RETRY'
  | 'NEEDS_NEW_AUTHORIZATION'
  | 'CORRECTION_REQUIRED'
  | 'MAX_REPRESENTMENTS'
  | 'WINDOW_EXPIRED'
  | 'SETTLEMENT_DATE_UNKNOWN'
  | 'CREDIT_NOT_RETRIED'
  | 'MAX_FAILED_RETRIES';

export type RetryDecision =
  | {
      allowed: true;
      rule: string;
      policyVersion: string;
      /** True when this counts as a Nacha re-presentment (returned R01/R09). */
      representment: boolean;
      /** Re-presentments left after this one (representments only). */
      remainingAfterThis: number | null;
      /** Last day a re-presentment may be sent (representments only). */
      windowEndsOn: IsoDate | null;
      /** Company entry description the new entry must carry, when Nacha prescribes one. */
      companyEntryDescription: string | null;
    }
  | { allowed: false; code: RetryRefusalCode; rule: string; policyVersion: string; returnCode: ReturnCodeInfo | null };

export function retryDecision(req: RetryRequest): RetryDecision {
  assertIsoDate(req.today, 'today');
  if (!Number.isSafeInteger(req.priorRepresentments) || req.priorRepresentments < 0) {
    throw new RangeError(`priorRepresentments must be a non-negative integer, got ${req.priorRepresentments}`);
  }
  const info = req.returnCode ? returnCodeInfo(req.returnCode) : null;
  const label = info ? `${info.code} (${info.description})` : 'This failure';
  const refuse = (code: RetryRefusalCode, rule: string): RetryDecision => ({
    allowed: false,
    code,
    rule,
    policyVersion: ACH_RETRY_POLICY_VERSION,
    returnCode: info,
  });
  const allow = (rule: string, extra: Partial<Extract<RetryDecision, { allowed: true }>> = {}): RetryDecision => ({
    allowed: true,
    rule,
    policyVersion: ACH_RETRY_POLICY_VERSION,
    representment: false,
    remainingAfterThis: null,
    windowEndsOn: null,
    companyEntryDescription: null,
    ...extra,
  });

  // Facts about the account or the authorization hold whatever the outcome was.
  if (info?.retry === 'never') {
    return refuse('NEVER_RETRY', `${label}: never presented again (Nacha / Timely policy). The customer must link another account.`);
  }
  if (info?.retry === 'new_authorization') {
    return refuse(
      'NEEDS_NEW_AUTHORIZATION',
      `${label}: may be presented again only with a new authorization from the customer, as a new transfer.`,
    );
  }

  if (req.outcome === 'failed') {
    const tries = req.priorFailedRetries ?? 0;
    if (tries >= MAX_RETRIES_AFTER_FAILURE) {
      return refuse('MAX_FAILED_RETRIES', `${label} never reached the ACH network, but it already failed after ${tries} retries: a person must look at it.`);
    }
    return allow(`${label} never reached the ACH network: no Nacha entry was presented, so a retry is allowed (${tries + 1} of ${MAX_RETRIES_AFTER_FAILURE}).`);
  }

  if (req.direction === 'credit') {
    return refuse('CREDIT_NOT_RETRIED', `${info ? label : 'A returned advance'}: a returned advance is not re-sent; the next evaluation decides afresh.`);
  }

  if (!info || info.retry === 'correction_required') {
    return refuse(
      'CORRECTION_REQUIRED',
      `${info ? label : 'A return without a code'}: Nacha allows a new entry only after the cause is corrected; a person must fix it and start a new transfer.`,
    );
  }

  // Representable: R01 / R09.
  if (req.priorRepresentments >= MAX_REPRESENTMENTS) {
    return refuse('MAX_REPRESENTMENTS', `${label}: already presented again ${req.priorRepresentments} times; Nacha allows at most ${MAX_REPRESENTMENTS}.`);
  }
  if (!req.originalSettlementDate) {
    return refuse('SETTLEMENT_DATE_UNKNOWN', `${label}: the original settlement date is unknown, so the 180-day window cannot be checked.`);
  }
  assertIsoDate(req.originalSettlementDate, 'originalSettlementDate');
  const windowEndsOn = addDays(req.originalSettlementDate, REPRESENTMENT_WINDOW_DAYS);
  if (compareDates(req.today, windowEndsOn) > 0) {
    return refuse(
      'WINDOW_EXPIRED',
      `${label}: Nacha allows presenting again only within ${REPRESENTMENT_WINDOW_DAYS} days of the original settlement (${req.originalSettlementDate}); the window closed on ${windowEndsOn}.`,
    );
  }
  const attempt = req.priorRepresentments + 1;
  return allow(
    `${label}: may be presented again at most ${MAX_REPRESENTMENTS} times within ${REPRESENTMENT_WINDOW_DAYS} days of the original settlement; this is re-presentment ${attempt} of ${MAX_REPRESENTMENTS}, allowed until ${windowEndsOn}.`,
    {
      representment: true,
      remainingAfterThis: MAX_REPRESENTMENTS - attempt,
      windowEndsOn,
      companyEntryDescription: RETRY_ENTRY_DESCRIPTION,
    },
  );
}
