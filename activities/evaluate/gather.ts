/**
 * One account's evaluation input: each module answers for its part (by its functions, never its
 * tables), and the evaluation's day is decided here.
 */
import { getPool } from '../../db/pool';
import { DEFAULT_EVALUATE_POLICY } from '../../domain/evaluate/policy';
import type { EvaluateInput } from '../../domain/evaluate/rules';
import type { IncomeCadence } from '../../domain/payday';
import { businessToday } from '../../platform/business-clock';
import { config } from '../../platform/config';
import { accountForEvaluation } from '../accounts/evaluation-view';
import { bankDeps } from '../bank/deps';
import { bankSnapshot } from '../bank/snapshot';
import { advanceState } from '../transfers/advance-state';
import { latestRepaymentNotice } from './store';

export interface GatheredEvaluation {
  input: EvaluateInput;
  legalName: string;
  advanceId: string | null;
}

const ACCOUNT_STATUS: Record<string, EvaluateInput['account']['status']> = { active: 'active', suspended: 'suspended', closed: 'closed', pending_verification: 'suspended' };

/**
 * Asks each module for its part of one account's evaluation. `today` is the business clock's date
 * (platform/business-clock.ts); a caller evaluating many accounts reads the clock once and passes it.
 */
export async function gatherEvaluation(accountId: string, sync: boolean, today?: string): Promise<GatheredEvaluation> {
  const pool = getPool();
  const account = await accountForEvaluation(pool, accountId);
  if (!account) throw new Error(`account ${accountId} does not exist`);
  const [bank, state, day] = await Promise.all([bankSnapshot(bankDeps(), accountId, { sync }), advanceState(pool, accountId), today ?? businessToday()]);
  const notice = state.advance ? await latestRepaymentNotice(pool, accountId, state.advance.id) : null;
  // The evaluation's day is the business clock's, one clock for every date we decide on; the
  // bank's dates (deposits, returns) stay the bank's and are compared with it, never mixed into it.
  const input: EvaluateInput = {
    today: day,
    account: {
      status: ACCOUNT_STATUS[account.status],
      bankLink: bank.bankLink,
      approved: account.terms?.approved ?? false,
      limitCents: account.terms?.limitCents ?? 0,
      thresholdCents: account.thresholdCents,
    },
    balance: bank.bankLink === 'ok' ? { availableCents: bank.availableCents, currentCents: bank.currentCents } : null,
    transferInFlight: state.transferInFlight,
    advance: state.advance && state.advance.outstandingCents > 0 ? { outstandingCents: state.advance.outstandingCents, disbursedOn: state.advance.disbursedOn } : null,
    income: {
      cadence: (account.terms?.incomeCadence ?? 'none') as IncomeCadence,
      depositDates: bank.incomeDepositDates,
      expectedPayday: account.terms?.nextPayday ?? null,
    },
    lastRepaymentAttempt: state.lastRepaymentAttempt,
    repaymentNotice: notice ? { sentOn: notice.sentOn, amountCents: notice.amountCents, scheduledFor: notice.scheduledFor } : null,
    lastRepaidOn: state.lastRepaidOn,
    lastAdvanceReturn: state.lastAdvanceReturn,
  };
  return { input, legalName: account.legalName, advanceId: state.advance?.id ?? null };
}

export const evaluationPolicy = () => ({ ...DEFAULT_EVALUATE_POLICY, defaultThresholdCents: config().EVALUATE_THRESHOLD_CENTS });

