/**
 * The daily money checks, each on its own Temporal Schedule (worker/schedules.ts):
 * - reconciliationWorkflow: every Plaid transfer and event over the window against our attempts,
 *   events and ledger (activities/transfers/reconciliation.ts). Its one activity is idempotent and
 *   heartbeats, so a killed worker's run is simply run again.
 * - returnRateGuardWorkflow: the 60-day debit return rates, and the pause of new repayment debits
 *   when the unauthorized rate reaches 0.4% (activities/transfers/return-rate-guard.ts).
 * The day is the business clock's (platform/business-clock.ts), read by the activity unless given:
 * with the sandbox's clock ahead in dev and tests, the window must cover the sandbox-dated events.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

/** The activity heartbeats at least every 5 s: a killed worker is noticed within the heartbeat timeout. */
const activities = (heartbeatSeconds = 60) =>
  proxyActivities<Activities>({
    startToCloseTimeout: '30 minutes',
    heartbeatTimeout: `${heartbeatSeconds} seconds`,
    retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
  });

export interface ReconciliationInput {
  day?: string;
  windowDays?: number;
  graceSeconds?: number;
  /** Crash tests shorten it to take over from a killed worker quickly. */
  heartbeatSeconds?: number;
}

export async function reconciliationWorkflow(input: ReconciliationInput = {}) {
  const { reconcileTransfers } = activities(input.heartbeatSeconds);
  return reconcileTransfers({ day: input.day, windowDays: input.windowDays ?? 60, graceSeconds: input.graceSeconds ?? 60 });
}

export async function returnRateGuardWorkflow(input: { day?: string } = {}) {
  const { guardReturnRates } = activities();
  return guardReturnRates({ day: input.day });
}
