/**
 * What a verified Plaid webhook sets in motion beyond the bank module: Transfer events are read by
 * the (single) event-sync workflow, started or nudged with signal-with-start so bursts collapse.
 */
import type { WebhookFollowUp } from './routes/bank';
import { config } from '../platform/config';
import { getTemporalClient } from '../platform/temporal-client';
import { transferEventSyncWorkflow, transferEventSyncWorkflowId, transferEventsUpdatedSignal } from '../workflows/transfer-event-sync';

export const webhookFollowUp: WebhookFollowUp = async (outcome) => {
  if (outcome.action === 'transfer_events_update') {
    const taskQueue = config().TEMPORAL_TASK_QUEUE;
    await getTemporalClient().workflow.signalWithStart(transferEventSyncWorkflow, {
      workflowId: transferEventSyncWorkflowId(taskQueue),
      taskQueue,
      signal: transferEventsUpdatedSignal,
      signalArgs: [],
    });
  }
};
