/**
 * One account's evaluation input: each module answers for its part (by its functions, never its
 * tables), and the evaluation's day is decided here.
 */
import { getPool } from '../../db/pool';
import { DEFAULT_EVALUATE_POLICY } from '../../domain/evaluate/policy';
import type { EvaluateInput } from '../../domain/evaluate/rules';
import type { IncomeCadence } from '../../domain/payday';
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

/** Asks each module for its part of one account's evaluation. */
export async function gatherEvaluation(accountId: string, sync: boolean): Promise<GatheredEvaluation> {
  const pool = getPool();
  const account = await accountForEvaluation(pool, accountId);
  if (!account) throw new Error(`account ${accountId} does not exist`);
  const [bank, state] = await Promise.all([bankSnapshot(bankDeps(), accountId, { sync }), advanceState(pool, accountId)]);
  const notice = state.advance ? await latestRepaymentNotice(pool, accountId, state.advance.id) : null;
  // The evaluation's day: ours, or the bank's latest posting when that is later (the local
  // sandbox's clock can run ahead of ours).
  const realToday = new Date().toISOString().slice(0, 10);
  const today = bank.latestPostingDate && bank.latestPostingDate > realToday ? bank.latestPostingDate : realToday;
  const input: EvaluateInput = {
    today,
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

