/**
 * The evaluate module's activities. `gatherEvaluationInput` asks each module for its part (by its
 * functions, never its tables) and returns exactly what the pure rules need; `decideEvaluation`
 * runs the rules; the rest act on the decision and record it.
 */
import { getPool } from '../../db/pool';
import { DEFAULT_EVALUATE_POLICY } from '../../domain/evaluate/policy';
import { decide, EvaluateDecision, EvaluateInput } from '../../domain/evaluate/rules';
import { config } from '../../platform/config';
import { accountForEvaluation, evaluableAccountIds } from '../accounts/evaluation-view';
import { bankDeps } from '../bank/deps';
import { bankSnapshot } from '../bank/snapshot';
import { advanceState, startAdvance, startRepayment } from '../transfers/advance-state';
import { EvaluationRecord, latestRepaymentNotice, recordEvaluation, recordRepaymentNotice } from './store';
import { logger } from '../../platform/logger';
import type { IncomeCadence } from '../../domain/payday';

export interface GatheredEvaluation {
  input: EvaluateInput;
  legalName: string;
  advanceId: string | null;
}

const ACCOUNT_STATUS: Record<string, EvaluateInput['account']['status']> = { active: 'active', suspended: 'suspended', closed: 'closed', pending_verification: 'suspended' };

export function evaluateActivities() {
  return {
    async gatherEvaluationInput(g: { accountId: string; sync: boolean }): Promise<GatheredEvaluation> {
      const pool = getPool();
      const account = await accountForEvaluation(pool, g.accountId);
      if (!account) throw new Error(`account ${g.accountId} does not exist`);
      const [bank, state] = await Promise.all([bankSnapshot(bankDeps(), g.accountId, { sync: g.sync }), advanceState(pool, g.accountId)]);
      const notice = state.advance ? await latestRepaymentNotice(pool, g.accountId, state.advance.id) : null;
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
    },

    /** Pure rules (domain/evaluate/rules.ts): a local activity, so replays never re-decide. */
    async decideEvaluation(input: EvaluateInput): Promise<EvaluateDecision> {
      return decide(input, { ...DEFAULT_EVALUATE_POLICY, defaultThresholdCents: config().EVALUATE_THRESHOLD_CENTS });
    },

    async sendRepaymentNotice(n: { accountId: string; advanceId: string; amountCents: number; scheduledFor: string; sentOn: string }): Promise<void> {
      const sent = await recordRepaymentNotice(getPool(), n);
      // The notice is what GET /v1/me shows; a real SMS/email sender would go here.
      if (sent) logger.info({ accountId: n.accountId, amountCents: n.amountCents, scheduledFor: n.scheduledFor }, 'repayment notice recorded for the customer');
    },

    async startAdvanceTransfer(a: { accountId: string; amountCents: number; evaluationKey: string; legalName: string }) {
      return startAdvance(getPool(), a);
    },

    async startRepaymentTransfer(r: { accountId: string; advanceId: string; amountCents: number; evaluationKey: string; legalName: string }) {
      return startRepayment(getPool(), r);
    },

    async recordEvaluation(e: EvaluationRecord): Promise<void> {
      await recordEvaluation(getPool(), e);
    },

    async listEvaluableAccounts(p: { afterId: string | null; limit: number }): Promise<string[]> {
      return evaluableAccountIds(getPool(), p.afterId, p.limit);
    },
  };
}
