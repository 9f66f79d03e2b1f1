/**
 * evaluateAccountWorkflow: one account, now. Read top to bottom:
 * gather (account, fresh balance, advance state, notice) -> decide (pure rules) -> act (send an
 * advance, collect the repayment, or tell the customer a repayment is coming) -> record.
 * Its id is `evaluate-<accountId>`: a webhook burst or a sweep that finds a run in progress joins it
 * instead of starting another, and the transfers module refuses a second open advance anyway.
 */
import { defineSignal, proxyActivities, proxyLocalActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { EvaluateDecision } from '../domain/evaluate/rules';
import { TimelyStatusKey } from '../platform/search-attributes';

const io = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 8 },
});
const rules = proxyLocalActivities<Activities>({ startToCloseTimeout: '10 seconds' });

export type EvaluationTrigger = 'schedule' | 'webhook' | 'staff';

export interface EvaluateAccountInput {
  accountId: string;
  trigger: EvaluationTrigger;
  /** Sync transactions first (Plaid said new ones are available). */
  sync?: boolean;
}

export interface EvaluateAccountResult {
  action: EvaluateDecision['action'] | 'notify';
  amountCents: number | null;
  reason: string;
  transferWorkflowId: string | null;
}

/** Plaid's SYNC_UPDATES_AVAILABLE while a run is in progress: sync before gathering. */
export const syncRequestedSignal = defineSignal('syncRequested');

export const evaluateWorkflowId = (accountId: string) => `evaluate-${accountId}`;

export async function evaluateAccountWorkflow(input: EvaluateAccountInput): Promise<EvaluateAccountResult> {
  let sync = input.sync ?? false;
  setHandler(syncRequestedSignal, () => {
    sync = true;
  });
  const { workflowId, runId } = workflowInfo();

  const gathered = await io.gatherEvaluationInput({ accountId: input.accountId, sync });
  const decision = await rules.decideEvaluation(gathered.input);
  const key = `${workflowId}:${runId}`;

  let action: EvaluateAccountResult['action'] = decision.action;
  let reason: string = decision.reason;
  let message = decision.message;
  let transferWorkflowId: string | null = null;

  if (decision.action === 'advance' && decision.amountCents) {
    const r = await io.startAdvanceTransfer({ accountId: input.accountId, amountCents: decision.amountCents, evaluationKey: key });
    if ('refused' in r) {
      action = 'none';
      reason = 'ADVANCE_IN_FLIGHT';
      message = `No advance: ${r.refused}.`;
    } else transferWorkflowId = r.transferWorkflowId;
  } else if (decision.action === 'repay' && decision.amountCents && gathered.advanceId) {
    const r = await io.startRepaymentTransfer({ accountId: input.accountId, advanceId: gathered.advanceId, amountCents: decision.amountCents, evaluationKey: key });
    if ('refused' in r) {
      action = 'none';
      reason = 'REPAYMENT_BLOCKED';
      message = `No repayment now: ${r.refused}`;
    } else transferWorkflowId = r.transferWorkflowId;
  } else if (decision.notice && gathered.advanceId) {
    action = 'notify';
    await io.sendRepaymentNotice({ accountId: input.accountId, advanceId: gathered.advanceId, ...decision.notice, sentOn: gathered.input.today });
  }

  upsertSearchAttributes([{ key: TimelyStatusKey, value: action === 'none' ? `none:${reason}` : action }]);
  await io.recordEvaluation({
    accountId: input.accountId,
    workflowId,
    runId,
    trigger: input.trigger,
    action,
    amountCents: action === 'none' ? null : (decision.amountCents ?? decision.notice?.amountCents ?? null),
    reasonCode: reason,
    message,
    ruleVersion: `${decision.ruleVersion}/${decision.policyVersion}`,
    inputs: { ...gathered.input, details: decision.details },
    transferWorkflowId,
  });
  return { action, amountCents: decision.amountCents ?? null, reason, transferWorkflowId };
}
