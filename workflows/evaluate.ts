/**
 * evaluateAccountWorkflow: one account, now. Read top to bottom:
 * gather (account, fresh balance, advance state, notice) -> decide (pure rules) -> act (send an
 * advance, collect the repayment, or tell the customer a repayment is coming) -> record.
 * Its id is `evaluate-<accountId>`: a webhook burst or a sweep that finds a run in progress joins it
 * instead of starting another, and the transfers module refuses a second open advance anyway.
 */
import { defineSignal, patched, proxyActivities, proxyLocalActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { EvaluateDecision } from '../domain/evaluate/rules';
import { TimelyStatusKey } from '../platform/search-attributes';

const STEP_OPTIONS = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 8 },
} as const;
/**
 * Each step's options, for its activity task (`io`) or its local activity (`steps`, below).
 *
 * Gathering and recording as local activities: each is short (a few queries, at most one Plaid
 * call; one insert) and follows the step before at once. As an activity task each cost a round trip
 * through the server's task queue and one more workflow task; as a local activity it runs inside
 * the workflow task, recorded as a marker (the UI shows it by name) with the same retry policy and
 * result. A run that decides nothing is one workflow task, one that acts two (was four).
 *
 * Acting (an advance, a repayment, a notice) stays an activity task: its workflow task commits the
 * gathered input and the decision to the history before it runs, so a worker that dies while money
 * starts to move leaves a decided run whose activity Temporal retries (the evaluation key makes the
 * retry find the advance it started). As a local activity, a crash would re-gather, perhaps decide
 * otherwise, and leave an advance started by a decision no history holds.
 *
 * Measured (issue 15, bench/RESULTS.md): 20 evaluations that each start an advance, at once, finish
 * in 1.8-2.1 s instead of 2.3-2.5 s; crash test: workflows/evaluate-crash.test.ts.
 */
const rules = proxyLocalActivities<Activities>({ startToCloseTimeout: '10 seconds' });

export type EvaluationTrigger = 'schedule' | 'webhook' | 'staff';

export interface EvaluateAccountInput {
  accountId: string;
  trigger: EvaluationTrigger;
  /** Sync transactions first (Plaid said new ones are available). */
  sync?: boolean;
  /** Start-to-close timeout of each step (default 1 minute); crash tests shorten it to recover fast from a killed worker. */
  activityTimeoutSeconds?: number;
  /**
   * Set by the sweep's hand-over and the API's trigger since issue 15 (eighth session): gather and
   * record as local activities, without asking patched(). A patch is a marker and a search
   * attribute update in every run; runs started without the flag still ask it and replay as recorded.
   */
  localSteps?: boolean;
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
  const options = input.activityTimeoutSeconds ? { ...STEP_OPTIONS, startToCloseTimeout: input.activityTimeoutSeconds * 1000 } : STEP_OPTIONS;
  const io = proxyActivities<Activities>(options);
  const steps = proxyLocalActivities<Activities>(options);
  // Runs recorded before this change replay with their activity tasks.
  const local = input.localSteps || patched('evaluate-gather-and-record-as-local-activities') ? steps : io;

  // A sync pages through Plaid for as long as the history takes: it keeps an activity task's own
  // timeout and retries rather than hold the workflow task.
  const gathered = await (sync ? io : local).gatherEvaluationInput({ accountId: input.accountId, sync });
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
  await local.recordEvaluation({
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
