/**
 * transferReturnWorkflow: one ACH return (a Plaid `returned` event), started by the event sync
 * with the id transfer-return-<eventId>, so each event has exactly one. It asks the transfers
 * module what the return needs (activities/transfers/returns.ts):
 * - the transfer's workflow had ended (a repayment after funds_available, an advance after it
 *   settled): the return is booked now (ledger reversed, advance outstanding again or returned,
 *   debits stopped for unauthorized codes, the transfer in support's queue);
 * - the transfer's workflow still follows its events: it records the return itself; ask again
 *   after a poll interval until it has.
 */
import { log, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { TransferReturnInput } from '../activities/transfers/returns';

/** A transfer's own workflow reads its events at least every poll interval: a day of waiting is far beyond it. */
const MAX_LOOKS = 96;

export async function transferReturnWorkflow(input: TransferReturnInput): Promise<{ outcome: string; transferId: string | null }> {
  const io = proxyActivities<Activities>({
    startToCloseTimeout: `${input.activityTimeoutSeconds ?? 30} seconds`,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
  });
  for (let look = 1; ; look++) {
    const r = await io.settleReturn({ eventId: input.eventId });
    if (r.outcome !== 'waiting') {
      log.info('return settled', { eventId: input.eventId, outcome: r.outcome, transferId: r.transferId });
      return r;
    }
    if (look >= MAX_LOOKS) {
      await io.giveUpOnReturn({ eventId: input.eventId });
      return { outcome: 'unmatched', transferId: r.transferId };
    }
    await sleep(`${Math.max(1, Math.min(input.pollIntervalSeconds, 900))} seconds`);
  }
}
