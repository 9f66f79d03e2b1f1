/**
 * What support may do with a transfer, in one sentence an agent acts on. The decision itself is
 * Nacha's (retryDecision in ./returns.ts); this file only (a) rebuilds its request from a
 * transfer's stored attempts, the way the transfer workflow does from its own state, so the
 * console shows the rule the workflow's Update will apply, and (b) words the answer.
 * Pure: the API calls it for the queue and the transfer page.
 */
import { IsoDate } from '../dates';
import { MAX_RETRIES_AFTER_FAILURE, RetryDecision, retryDecision, TransferDirection } from './returns';

export interface AttemptFacts {
  status: string;
  returnCode: string | null;
  settledOn: string | null;
  postedOn: string | null;
  plaidTransferId: string | null;
}

export interface SupportRule {
  canRetry: boolean;
  canCancel: boolean;
  sentence: string;
}

/** Mirrors workflows/transfer.ts supportRetryVerdict(): same inputs from the stored attempts. */
export function supportRetryDecision(direction: TransferDirection, attempts: readonly AttemptFacts[], today: IsoDate): RetryDecision {
  const last = attempts[attempts.length - 1];
  const returned = attempts.filter((a) => a.status === 'returned');
  const original = returned[0];
  return retryDecision({
    direction,
    outcome: last?.status === 'returned' ? 'returned' : 'failed',
    returnCode: last?.returnCode ?? null,
    priorRepresentments: Math.max(0, returned.length - 1),
    originalSettlementDate: original ? (original.settledOn ?? original.postedOn) : null,
    priorFailedRetries: attempts.filter((a) => a !== last && (a.status === 'failed' || a.status === 'declined')).length,
    today,
  });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "12 Jan", with the year when it is not this year's ("12 Jan 2027"). */
export function shortDate(date: IsoDate, today: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1]}${y === today.slice(0, 4) ? '' : ` ${y}`}`;
}

const TIMES = ['', 'once', 'twice'];

/** The rule of a retry decision, in words a support agent acts on. */
export function supportRuleSentence(d: RetryDecision, today: IsoDate): string {
  if (d.allowed) {
    if (d.representment && d.windowEndsOn) {
      const left = (d.remainingAfterThis ?? 0) + 1;
      return `May be presented ${TIMES[left] ?? `${left} times`} more until ${shortDate(d.windowEndsOn, today)}.`;
    }
    return `Never reached the bank: may be tried again (up to ${MAX_RETRIES_AFTER_FAILURE} times).`;
  }
  switch (d.code) {
    case 'NEVER_RETRY':
      return 'Never presented again: ask the customer to link another account.';
    case 'NEEDS_NEW_AUTHORIZATION':
      return 'Not retried: the customer must authorize the debit again, as a new transfer. Cancel this one.';
    case 'CORRECTION_REQUIRED':
      return 'Not retried: the cause must be corrected first, then a new transfer. Cancel this one.';
    case 'MAX_REPRESENTMENTS':
      return 'Already presented again twice, the most Nacha allows: cancel it and contact the customer.';
    case 'WINDOW_EXPIRED':
      return "Nacha's 180-day window to present it again has closed: cancel it and contact the customer.";
    case 'SETTLEMENT_DATE_UNKNOWN':
      return 'Not retried: the original settlement date is unknown, so the 180-day window cannot be checked.';
    case 'CREDIT_NOT_RETRIED':
      return 'A returned advance is not sent again: cancel it; the next evaluation decides afresh.';
    case 'MAX_FAILED_RETRIES':
      return `Failed again after ${MAX_RETRIES_AFTER_FAILURE} retries: a person must look into it; it can only be cancelled.`;
  }
}

/**
 * The rule for a transfer in any state. Only a transfer that needs attention can be retried (by
 * Nacha's rule) or cancelled; a pending one can be cancelled while Plaid still holds it (the
 * workflow's cancel validator says the same).
 */
export function supportRule(t: { status: string; direction: TransferDirection; attempts: readonly AttemptFacts[]; today: IsoDate }): SupportRule {
  if (t.status === 'needs_attention') {
    const d = supportRetryDecision(t.direction, t.attempts, t.today);
    return { canRetry: d.allowed, canCancel: true, sentence: supportRuleSentence(d, t.today) };
  }
  const last = t.attempts[t.attempts.length - 1];
  if (t.status === 'pending' && last?.plaidTransferId)
    return { canRetry: false, canCancel: true, sentence: 'On its way through the bank: it may still be cancelled, not retried.' };
  return { canRetry: false, canCancel: false, sentence: `Nothing to do: the transfer is ${t.status.replace(/_/g, ' ')}.` };
}
