/**
 * Timely's Temporal Schedules, created or updated idempotently (worker start-up and
 * `npm run schedules`): the evaluation sweep every EVALUATE_INTERVAL, and a transfer event sync
 * every TRANSFER_EVENT_SYNC_INTERVAL for webhooks that never arrived, the daily reconciliation with
 * Plaid and the daily return-rate guard. Overlapping runs are skipped.
 */
import { Client, ScheduleAlreadyRunning, ScheduleOptions, ScheduleOverlapPolicy } from '@temporalio/client';
import type { Config } from '../platform/config';
import { EVALUATE_SWEEP_WORKFLOW_ID, evaluateSweepWorkflow, firstSweepInput } from '../workflows/evaluate-sweep';
import { reconciliationWorkflow, returnRateGuardWorkflow } from '../workflows/reconciliation';
import { transferEventSyncWorkflow, transferEventSyncWorkflowId } from '../workflows/transfer-event-sync';

export function scheduleDefinitions(cfg: Config): ScheduleOptions[] {
  return [
    {
      scheduleId: 'evaluate-sweep',
      spec: { intervals: [{ every: cfg.EVALUATE_INTERVAL as `${number}${'s' | 'm' | 'h' | 'd'}` }] },
      action: {
        type: 'startWorkflow',
        workflowType: evaluateSweepWorkflow,
        workflowId: EVALUATE_SWEEP_WORKFLOW_ID,
        taskQueue: cfg.TEMPORAL_TASK_QUEUE,
        args: [firstSweepInput({ pageSize: cfg.EVALUATE_SWEEP_PAGE_SIZE, fanOut: cfg.EVALUATE_SWEEP_FAN_OUT, trigger: 'schedule' })],
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '10 minutes' },
      memo: { purpose: 'Evaluate every active account: advance, repay or nothing' },
    },
    {
      scheduleId: 'transfer-event-sync',
      spec: { intervals: [{ every: cfg.TRANSFER_EVENT_SYNC_INTERVAL as `${number}${'s' | 'm' | 'h' | 'd'}` }] },
      action: { type: 'startWorkflow', workflowType: transferEventSyncWorkflow, workflowId: transferEventSyncWorkflowId(cfg.TEMPORAL_TASK_QUEUE), taskQueue: cfg.TEMPORAL_TASK_QUEUE, args: [] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '10 minutes' },
      memo: { purpose: 'Catch Plaid transfer events whose webhook was missed' },
    },
    {
      scheduleId: 'daily-reconciliation',
      // Early morning UTC, after the previous banking day's ACH files have settled.
      spec: { calendars: [{ hour: 6, minute: 0 }] },
      action: { type: 'startWorkflow', workflowType: reconciliationWorkflow, workflowId: 'reconciliation', taskQueue: cfg.TEMPORAL_TASK_QUEUE, args: [{}] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      memo: { purpose: 'Compare every transfer, event and ledger balance with Plaid; record each mismatch once' },
    },
    {
      scheduleId: 'return-rate-guard',
      spec: { calendars: [{ hour: 6, minute: 30 }] },
      action: { type: 'startWorkflow', workflowType: returnRateGuardWorkflow, workflowId: 'return-rate-guard', taskQueue: cfg.TEMPORAL_TASK_QUEUE, args: [{}] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      memo: { purpose: '60-day debit return rates; pause new repayment debits at 0.4% unauthorized' },
    },
  ];
}

/** Creates each schedule, or brings an existing one up to date. Returns what it did per id. */
export async function ensureSchedules(client: Client, cfg: Config): Promise<Record<string, 'created' | 'updated'>> {
  const done: Record<string, 'created' | 'updated'> = {};
  for (const def of scheduleDefinitions(cfg)) {
    try {
      await client.schedule.create(def);
      done[def.scheduleId] = 'created';
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule.getHandle(def.scheduleId).update((prev) => ({ ...prev, spec: def.spec, action: def.action, policies: { ...prev.policies, ...def.policies } }));
      done[def.scheduleId] = 'updated';
    }
  }
  return done;
}
