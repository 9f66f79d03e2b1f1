/**
 * Evaluates a batch of accounts inside one activity (the sweep's unit of work), set-based: the
 * batch's state is read in one query per module (gather.ts), decided with the same pure rules as
 * evaluateAccountWorkflow, and every "nothing" is recorded in one multi-row insert. Anything else
 * is handed to that account's own workflow (fixed id: a run already in progress is joined, never
 * doubled), which re-gathers with a real-time balance and acts with all of Temporal's guarantees:
 * money moves only there.
 */
import { Context } from '@temporalio/activity';
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import { decide } from '../../domain/evaluate/rules';
import { getPool } from '../../db/pool';
import { config } from '../../platform/config';
import { logger } from '../../platform/logger';
import { AccountIdKey, TimelyStatusKey } from '../../platform/search-attributes';
import { getTemporalClient } from '../../platform/temporal-client';
import { evaluateAccountWorkflow, evaluateWorkflowId } from '../../workflows/evaluate';
import { evaluationPolicy, gatherEvaluations } from './gather';
import { EvaluationRecord, recordEvaluations } from './store';

export interface BatchResult {
  evaluated: number;
  handedOver: number;
  failed: number;
}

export async function evaluateBatch(b: { accountIds: string[]; sweepWorkflowId: string; sweepRunId: string; trigger: string; today?: string }): Promise<BatchResult> {
  const result: BatchResult = { evaluated: 0, handedOver: 0, failed: 0 };
  const gathered = await gatherEvaluations(b.accountIds, { today: b.today, keptBalance: true });
  Context.current().heartbeat(result);
  const nothing: EvaluationRecord[] = [];
  for (const g of gathered) {
    result.evaluated += 1;
    try {
      if ('error' in g) throw g.error;
      const d = decide(g.input, evaluationPolicy());
      if (d.action !== 'none' || d.notice) {
        await getTemporalClient().workflow.start(evaluateAccountWorkflow, {
          workflowId: evaluateWorkflowId(g.accountId),
          taskQueue: config().TEMPORAL_TASK_QUEUE,
          args: [{ accountId: g.accountId, trigger: 'schedule' }],
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
          typedSearchAttributes: [
            { key: AccountIdKey, value: g.accountId },
            { key: TimelyStatusKey, value: 'evaluating' },
          ],
        });
        result.handedOver += 1;
        Context.current().heartbeat(result);
        continue;
      }
      // Keyed by the sweep run and the account: a retried batch records each account once.
      nothing.push({
        accountId: g.accountId,
        workflowId: b.sweepWorkflowId,
        runId: `${b.sweepRunId}:${g.accountId}`,
        trigger: b.trigger,
        action: 'none',
        amountCents: null,
        reasonCode: d.reason,
        message: d.message,
        ruleVersion: `${d.ruleVersion}/${d.policyVersion}`,
        inputs: { ...g.input, details: d.details, balanceNeed: g.balanceNeed },
        transferWorkflowId: null,
      });
    } catch (err) {
      // One account's trouble (a bank timing out) must not fail the batch; it is logged and
      // evaluated again at the next sweep.
      result.failed += 1;
      logger.warn({ err, accountId: g.accountId, workflowId: b.sweepWorkflowId }, 'account evaluation failed in sweep');
    }
  }
  await recordEvaluations(getPool(), nothing);
  return result;
}
