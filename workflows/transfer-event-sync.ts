/**
 * transferEventSyncWorkflow: drains /transfer/event/sync. One run at a time (a fixed workflow id);
 * a webhook that arrives while it runs signals it to go round once more, so bursts collapse into
 * one pass and no update is lost. A Temporal Schedule starts it periodically for missed webhooks.
 */
import { condition, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';

const { syncTransferEvents } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  // The activity heartbeats around its one Plaid call: a dead worker is noticed in seconds.
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** The schedule's workflow id (worker/schedules.ts). */
export const TRANSFER_EVENT_SYNC_WORKFLOW_ID = 'transfer-event-sync';
/**
 * One sync run per task queue: a run is served only by the workers of its queue, so a run left on
 * a queue nobody polls any more (another deployment, a finished test) must not swallow the signals
 * meant for this one. The cursor row lock keeps concurrent runs correct anyway.
 */
export const transferEventSyncWorkflowId = (taskQueue: string) => `${TRANSFER_EVENT_SYNC_WORKFLOW_ID}-${taskQueue}`;
export const transferEventsUpdatedSignal = defineSignal('transferEventsUpdated');

export async function transferEventSyncWorkflow(): Promise<{ passes: number; recorded: number; lastEventId: number }> {
  let again = true;
  setHandler(transferEventsUpdatedSignal, () => {
    again = true;
  });
  let passes = 0;
  let recorded = 0;
  let lastEventId = 0;
  // Bounded so the history stays small; a later webhook or the schedule starts a fresh run.
  while (again && passes < 50) {
    again = false;
    for (let hasMore = true; hasMore; ) {
      const page = await syncTransferEvents();
      recorded += page.recorded;
      lastEventId = page.lastEventId;
      hasMore = page.hasMore;
    }
    passes += 1;
    // Give a burst of webhooks a moment to land in this run rather than start another.
    await condition(() => again, '1 second');
  }
  return { passes, recorded, lastEventId };
}
