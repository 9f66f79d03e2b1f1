/**
 * Starting evaluations from the API: one account (staff, or Plaid's SYNC_UPDATES_AVAILABLE
 * webhook) or a whole sweep (staff). Signal-with-start on the account's fixed workflow id, so a
 * burst of webhooks collapses into one run that syncs first.
 */
import { config } from '../platform/config';
import { AccountIdKey, TimelyStatusKey } from '../platform/search-attributes';
import { getTemporalClient } from '../platform/temporal-client';
import { evaluateAccountWorkflow, EvaluationTrigger, evaluateWorkflowId, syncRequestedSignal } from '../workflows/evaluate';
import { EVALUATE_SWEEP_WORKFLOW_ID, evaluateSweepWorkflow, firstSweepInput } from '../workflows/evaluate-sweep';
import type { WebhookFollowUp } from './routes/bank';

export async function triggerAccountEvaluation(accountId: string, trigger: EvaluationTrigger, sync: boolean): Promise<string> {
  const workflowId = evaluateWorkflowId(accountId);
  await getTemporalClient().workflow.signalWithStart(evaluateAccountWorkflow, {
    workflowId,
    taskQueue: config().TEMPORAL_TASK_QUEUE,
    args: [{ accountId, trigger, sync, localSteps: true }],
    signal: syncRequestedSignal,
    signalArgs: [],
    typedSearchAttributes: [
      { key: AccountIdKey, value: accountId },
      { key: TimelyStatusKey, value: 'evaluating' },
    ],
  });
  return workflowId;
}

export async function triggerSweep(): Promise<string> {
  const cfg = config();
  const handle = await getTemporalClient().workflow.start(evaluateSweepWorkflow, {
    workflowId: `${EVALUATE_SWEEP_WORKFLOW_ID}-staff-${Date.now()}`,
    taskQueue: cfg.TEMPORAL_TASK_QUEUE,
    args: [firstSweepInput({ pageSize: cfg.EVALUATE_SWEEP_PAGE_SIZE, fanOut: cfg.EVALUATE_SWEEP_FAN_OUT, trigger: 'staff' })],
  });
  return handle.workflowId;
}

export const evaluationFollowUp: WebhookFollowUp = async (outcome) => {
  if (outcome.action === 'sync_updates_available' && outcome.accountId) await triggerAccountEvaluation(outcome.accountId, 'webhook', true);
};
