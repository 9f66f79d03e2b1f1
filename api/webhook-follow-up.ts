/**
 * What a verified Plaid webhook sets in motion beyond the bank module: Transfer events are read by
 * the (single) event-sync workflow, started or nudged with signal-with-start so bursts collapse.
 */
import type { WebhookFollowUp } from './routes/bank';
import { config } from '../platform/config';
import { getTemporalClient } from '../platform/temporal-client';
import { TRANSFER_EVENT_SYNC_WORKFLOW_ID, transferEventSyncWorkflow, transferEventsUpdatedSignal } from '../workflows/transfer-event-sync';

export const webhookFollowUp: WebhookFollowUp = async (outcome) => {
  if (outcome.action === 'transfer_events_update') {
    await getTemporalClient().workflow.signalWithStart(transferEventSyncWorkflow, {
      workflowId: TRANSFER_EVENT_SYNC_WORKFLOW_ID,
      taskQueue: config().TEMPORAL_TASK_QUEUE,
      signal: transferEventsUpdatedSignal,
      signalArgs: [],
    });
  }
};
