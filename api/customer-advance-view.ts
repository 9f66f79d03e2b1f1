/**
 * What a customer sees of their advances in GET /v1/me: the limit and why, the threshold in force,
 * the outstanding advance (from the ledger) and the next repayment they were told about.
 */
import type { Account } from '../activities/accounts/accounts-store';
import { getAdvanceTerms } from '../activities/accounts/advance-terms';
import { latestRepaymentNotice } from '../activities/evaluate/store';
import { advanceState } from '../activities/transfers/advance-state';
import { getPool } from '../db/pool';
import { config } from '../platform/config';

export async function customerAdvanceView(account: Account) {
  const pool = getPool();
  const [terms, state] = await Promise.all([getAdvanceTerms(pool, account.id), advanceState(pool, account.id)]);
  const notice = state.advance ? await latestRepaymentNotice(pool, account.id, state.advance.id) : null;
  return {
    approved: terms?.approved ?? false,
    limitCents: terms?.limitCents ?? 0,
    expectedPayday: terms?.nextPayday ?? null,
    thresholdCents: account.lowBalanceThresholdCents ?? config().EVALUATE_THRESHOLD_CENTS,
    thresholdSource: account.lowBalanceThresholdCents === null ? 'default' : 'customer',
    current: state.advance ? { advanceId: state.advance.id, outstandingCents: state.advance.outstandingCents, since: state.advance.disbursedOn, inFlight: state.transferInFlight?.kind ?? null } : null,
    nextRepayment: notice ? { amountCents: notice.amountCents, on: notice.scheduledFor, noticeSentOn: notice.sentOn } : null,
  };
}
