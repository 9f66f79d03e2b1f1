/**
 * Evaluates a batch of accounts inside one activity (the sweep's unit of work). Each account is
 * gathered and decided with the same code as evaluateAccountWorkflow; "nothing" is recorded here,
 * anything else is handed to that account's own workflow (fixed id: a run already in progress is
 * joined, never doubled), which re-gathers and acts with all of Temporal's guarantees.
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
import { evaluationPolicy, gatherEvaluation } from './gather';
import { recordEvaluation } from './store';

const PARALLEL = 8;

export interface BatchResult {
  evaluated: number;
  handedOver: number;
  failed: number;
}

export async function evaluateBatch(b: { accountIds: string[]; sweepWorkflowId: string; sweepRunId: string; trigger: string }): Promise<BatchResult> {
  const result: BatchResult = { evaluated: 0, handedOver: 0, failed: 0 };
  let next = 0;
  const one = async (accountId: string) => {
    const g = await gatherEvaluation(accountId, false);
    const d = decide(g.input, evaluationPolicy());
    if (d.action !== 'none' || d.notice) {
      await getTemporalClient().workflow.start(evaluateAccountWorkflow, {
        workflowId: evaluateWorkflowId(accountId),
        taskQueue: config().TEMPORAL_TASK_QUEUE,
        args: [{ accountId, trigger: 'schedule' }],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        typedSearchAttributes: [
          { key: AccountIdKey, value: accountId },
          { key: TimelyStatusKey, value: 'evaluating' },
        ],
      });
      result.handedOver += 1;
      return;
    }
    // Keyed by the sweep run and the account: a retried batch records each account once.
    await recordEvaluation(getPool(), {
      accountId,
      workflowId: b.sweepWorkflowId,
      runId: `${b.sweepRunId}:${accountId}`,
      trigger: b.trigger,
      action: 'none',
      amountCents: null,
      reasonCode: d.reason,
      message: d.message,
      ruleVersion: `${d.ruleVersion}/${d.policyVersion}`,
      inputs: { ...g.input, details: d.details },
      transferWorkflowId: null,
    });
  };
  const lane = async () => {
    while (next < b.accountIds.length) {
      const accountId = b.accountIds[next++];
      try {
        await one(accountId);
      } catch (err) {
        // One account's trouble (a bank timing out) must not fail the batch; it is logged and
        // evaluated again at the next sweep.
        result.failed += 1;
        logger.warn({ err, accountId, workflowId: b.sweepWorkflowId }, 'account evaluation failed in sweep');
      }
      result.evaluated += 1;
      Context.current().heartbeat(result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, b.accountIds.length) }, lane));
  return result;
}
