/**
 * evaluateSweepWorkflow: evaluates every active account with advance terms. Pages through them by
 * id, runs at most `fanOut` evaluations at once (each its own evaluateAccountWorkflow, visible in
 * the UI), and continues as new after each page, so its history stays small at any scale.
 * Started by a Temporal Schedule (overlapping sweeps skipped) or by staff.
 */
import { ApplicationFailure, ChildWorkflowFailure, continueAsNew, executeChild, proxyActivities } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Activities } from '../activities';
import { evaluateAccountWorkflow, EvaluationTrigger, evaluateWorkflowId } from './evaluate';

const { listEvaluableAccounts } = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: { maximumInterval: '30 seconds' } });

export interface SweepInput {
  afterId: string | null;
  pageSize: number;
  fanOut: number;
  processed: number;
  failed: number;
  trigger: EvaluationTrigger;
}

export const EVALUATE_SWEEP_WORKFLOW_ID = 'evaluate-sweep';

export async function evaluateSweepWorkflow(input: SweepInput): Promise<{ processed: number; failed: number }> {
  const ids = await listEvaluableAccounts({ afterId: input.afterId, limit: input.pageSize });
  let next = 0;
  let failed = input.failed;
  const lane = async () => {
    while (next < ids.length) {
      const accountId = ids[next++];
      try {
        await executeChild(evaluateAccountWorkflow, { workflowId: evaluateWorkflowId(accountId), args: [{ accountId, trigger: input.trigger }] });
      } catch (err) {
        // Already being evaluated (a webhook got there first): that run covers it.
        if (err instanceof WorkflowExecutionAlreadyStartedError) continue;
        // One account's failure must not stop the sweep; it is visible on its own run.
        if (err instanceof ChildWorkflowFailure || err instanceof ApplicationFailure) failed += 1;
        else throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(input.fanOut, ids.length) }, lane));
  const processed = input.processed + ids.length;
  if (ids.length < input.pageSize) return { processed, failed };
  return continueAsNew<typeof evaluateSweepWorkflow>({ ...input, afterId: ids[ids.length - 1], processed, failed });
}
