/**
 * What a customer sees of their advances in GET /v1/me: the limit and why, the threshold in force,
 * the outstanding advance (from the ledger) and the next repayment they were told about.
 */
import type { Account } from '../activities/accounts/accounts-store';
import { getAdvanceTerms } from '../activities/accounts/advance-terms';
import { latestRepaymentNotice } from '../activities/evaluate/store';
import { advanceState } from '../activities/transfers/advance-state';
import type { DebitStop } from '../activities/transfers/debit-guard';
import { advancesOf, listTransfers } from '../activities/transfers/transfers-store';
import { advanceStateWords, debitsStoppedWords } from '../domain/ach/customer-words.en';
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
    ...(await moneyStateWords(pool, account.id, state.debitsStopped)),
  };
}

type AdvanceFacts = { status: string; outstandingCents: number };
type TransferFacts = { purpose: 'disbursement' | 'repayment'; status: string; returnCode: string | null; updatedAt: string };

/** An advance's state in the customer's words (domain/ach/customer-words.en.ts), from its transfers. */
export function advanceWordsOf(a: AdvanceFacts, transfers: readonly TransferFacts[]) {
  const latest = [...transfers].sort((x, y) => y.updatedAt.localeCompare(x.updatedAt));
  const back = latest.find((t) => t.returnCode && (t.status === 'needs_attention' || t.status === 'cancelled'));
  return advanceStateWords({
    status: a.status,
    outstandingCents: a.outstandingCents,
    returnedTransfer: back ? { purpose: back.purpose, returnCode: back.returnCode } : null,
    repaymentInFlight: latest[0]?.purpose === 'repayment' && !['completed', 'cancelled', 'needs_attention'].includes(latest[0].status),
  });
}

/** The latest advance's state, and whether debits are stopped (with how to authorize them again). */
async function moneyStateWords(pool: ReturnType<typeof getPool>, accountId: string, stop: DebitStop | null) {
  const [latest] = await advancesOf(pool, accountId, 1);
  const transfers = latest ? await listTransfers(pool, { accountId, limit: 20 }) : [];
  return {
    state: latest ? { advanceId: latest.id, ...advanceWordsOf(latest, transfers.filter((t) => t.advanceId === latest.id)) } : null,
    debits: stop
      ? { stopped: true, returnCode: stop.returnCode, since: stop.since, ...debitsStoppedWords(stop.returnCode) }
      : { stopped: false, returnCode: null, since: null, what: null, next: null },
  };
}
