/**
 * What a customer sees of their advances in GET /v1/me: the limit and why, the threshold in force,
 * the outstanding advance (from the ledger) and the next repayment they were told about.
 */
import type { Account } from '../activities/accounts/accounts-store';
import { getAccountWithTerms } from '../activities/accounts/account-with-terms';
import { customerAdvanceFacts } from '../activities/transfers/customer-advance-facts';
import type { DebitStop } from '../activities/transfers/debit-guard';
import { advanceStateWords, debitsStoppedWords } from '../domain/ach/customer-words.en';
import { getPool } from '../db/pool';
import { config } from '../platform/config';

/**
 * Everything GET /v1/me shows, in one round trip: each module's part read at once, one statement
 * each (the account with its terms; the transfers module's facts with its debit stop, the open
 * advance's sending day and the repayment announced for it). Undefined when the account no longer exists.
 */
export async function readCustomerHome(accountId: string) {
  const pool = getPool();
  const [mine, facts] = await Promise.all([getAccountWithTerms(pool, accountId), customerAdvanceFacts(pool, accountId)]);
  if (!mine) return undefined;
  const open = facts.latest?.open ? facts.latest : null;
  return {
    account: mine.account,
    terms: mine.terms,
    facts,
    notice: open?.announcedRepayment ?? null,
    since: open ? (open.sentOn ?? open.createdOn) : null,
  };
}

export function customerAdvanceView(account: Account, f: NonNullable<Awaited<ReturnType<typeof readCustomerHome>>>) {
  const { terms, facts, notice } = f;
  const open = facts.latest?.open ? facts.latest : null;
  return {
    approved: terms?.approved ?? false,
    limitCents: terms?.limitCents ?? 0,
    expectedPayday: terms?.nextPayday ?? null,
    thresholdCents: account.lowBalanceThresholdCents ?? config().EVALUATE_THRESHOLD_CENTS,
    thresholdSource: account.lowBalanceThresholdCents === null ? 'default' : 'customer',
    current: open ? { advanceId: open.id, outstandingCents: facts.outstandingCents, since: f.since!, inFlight: open.inFlight } : null,
    nextRepayment: notice ? { amountCents: notice.amountCents, on: notice.scheduledFor, noticeSentOn: notice.sentOn } : null,
    ...moneyStateWords(facts, facts.debitStop),
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
function moneyStateWords(facts: Awaited<ReturnType<typeof customerAdvanceFacts>>, stop: DebitStop | null) {
  const latest = facts.latest;
  return {
    state: latest ? { advanceId: latest.id, ...advanceWordsOf(latest, latest.transfers) } : null,
    debits: stop
      ? { stopped: true, returnCode: stop.returnCode, since: stop.since, ...debitsStoppedWords(stop.returnCode) }
      : { stopped: false, returnCode: null, since: null, what: null, next: null },
  };
}
