/**
 * The evaluate module's activities. `gatherEvaluationInput` asks each module for its part (by its
 * functions, never its tables) and returns exactly what the pure rules need; `decideEvaluation`
 * runs the rules; the rest act on the decision and record it.
 */
import { getPool, withTransaction } from '../../db/pool';
import { decide, EvaluateDecision, EvaluateInput } from '../../domain/evaluate/rules';
import { logger } from '../../platform/logger';
import { evaluableAccountIds } from '../accounts/evaluation-view';
import { startAdvance, startRepayment } from '../transfers/advance-state';
import { recordAnnouncedRepayment } from '../transfers/announced-repayment';
import { evaluateBatch } from './batch';
import { evaluationPolicy, gatherEvaluation, GatheredEvaluation } from './gather';
import { EvaluationRecord, recordEvaluation, recordRepaymentNotice } from './store';

export function evaluateActivities() {
  return {
    async gatherEvaluationInput(g: { accountId: string; sync: boolean }): Promise<GatheredEvaluation> {
      return gatherEvaluation(g.accountId, g.sync);
    },

    /** Pure rules (domain/evaluate/rules.ts): a local activity, so replays never re-decide. */
    async decideEvaluation(input: EvaluateInput): Promise<EvaluateDecision> {
      return decide(input, evaluationPolicy());
    },

    async sendRepaymentNotice(n: { accountId: string; advanceId: string; amountCents: number; scheduledFor: string; sentOn: string }): Promise<void> {
      // The notice, and the advance's copy of it that GET /v1/me reads, in one transaction.
      const sent = await withTransaction(async (c) => {
        const inserted = await recordRepaymentNotice(c, n);
        if (inserted) await recordAnnouncedRepayment(c, n);
        return inserted;
      });
      // The notice is what GET /v1/me shows; a real SMS/email sender would go here.
      if (sent) logger.info({ accountId: n.accountId, amountCents: n.amountCents, scheduledFor: n.scheduledFor }, 'repayment notice recorded for the customer');
    },

    async startAdvanceTransfer(a: { accountId: string; amountCents: number; evaluationKey: string }) {
      return startAdvance(getPool(), a);
    },

    async startRepaymentTransfer(r: { accountId: string; advanceId: string; amountCents: number; evaluationKey: string }) {
      return startRepayment(getPool(), r);
    },

    async recordEvaluation(e: EvaluationRecord): Promise<void> {
      await recordEvaluation(getPool(), e);
    },

    /**
     * The sweep's unit of work: evaluates a batch of accounts in this activity. "Nothing to do" —
     * the common case — is decided and recorded here; an account that needs money moved or a
     * notice is handed to its own evaluateAccountWorkflow, which gathers afresh and acts.
     */
    async evaluateAccountsBatch(b: { accountIds: string[]; sweepWorkflowId: string; sweepRunId: string; trigger: string }) {
      return evaluateBatch(b);
    },

    async listEvaluableAccounts(p: { afterId: string | null; limit: number }): Promise<string[]> {
      return evaluableAccountIds(getPool(), p.afterId, p.limit);
    },
  };
}
