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
import { eagerStart, getTemporalClient } from '../../platform/temporal-client';
import { evaluateAccountWorkflow, evaluateWorkflowId } from '../../workflows/evaluate';
import { evaluationPolicy, type Gathered, gatherEvaluations } from './gather';
import { EvaluationRecord, recordEvaluations } from './store';

export interface BatchResult {
  evaluated: number;
  handedOver: number;
  failed: number;
}

export async function evaluateBatch(b: { accountIds: string[]; sweepWorkflowId: string; sweepRunId: string; trigger: string; today?: string }): Promise<BatchResult> {
  const result: BatchResult = { evaluated: 0, handedOver: 0, failed: 0 };
  const nothing: EvaluationRecord[] = [];
  const handOvers: Promise<void>[] = [];
  const evaluate = (g: Gathered) => {
    result.evaluated += 1;
    try {
      if ('error' in g) throw g.error;
      const d = decide(g.input, evaluationPolicy());
      if (d.action !== 'none' || d.notice) {
        // Started as soon as the account is gathered, beside the others: each start is a round trip to Temporal.
        handOvers.push(
          handOver(g.accountId).then(
            () => {
              result.handedOver += 1;
            },
            (err) => failedInSweep(result, g.accountId, b.sweepWorkflowId, err),
          ),
        );
        return;
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
      failedInSweep(result, g.accountId, b.sweepWorkflowId, err);
    }
  };
  await gatherEvaluations(b.accountIds, { today: b.today, keptBalance: true, onEach: evaluate });
  Context.current().heartbeat(result);
  // The "nothing" evaluations are written while the hand-overs start.
  await Promise.all([recordEvaluations(getPool(), nothing), ...handOvers]);
  return result;
}

/** The account's own workflow acts (fixed id: a run already in progress is joined, never doubled). */
async function handOver(accountId: string): Promise<void> {
  const client = getTemporalClient();
  await client.workflow.start(evaluateAccountWorkflow, {
    ...eagerStart(client),
    workflowId: evaluateWorkflowId(accountId),
    taskQueue: config().TEMPORAL_TASK_QUEUE,
    args: [{ accountId, trigger: 'schedule', localSteps: true }],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    typedSearchAttributes: [
      { key: AccountIdKey, value: accountId },
      { key: TimelyStatusKey, value: 'evaluating' },
    ],
  });
}

/**
 * One account's trouble (a bank timing out) must not fail the batch; it is logged and evaluated
 * again at the next sweep.
 */
function failedInSweep(result: BatchResult, accountId: string, workflowId: string, err: unknown): void {
  result.failed += 1;
  logger.warn({ err, accountId, workflowId }, 'account evaluation failed in sweep');
}
