/**
 * Returns at any time. Every `returned` Plaid event gets a row in transfers.returns (written with
 * the event, activities/transfers/event-sync.ts) and one return workflow
 * (transfer-return-<plaidTransferId>-<eventId>).
 * The workflow asks settleReturn() what to do:
 * - the transfer's own workflow is still following its events: it records the return itself
 *   (`waiting`, asked again later, until it has: `handled`);
 * - the transfer's workflow has ended (a debit after funds_available, a credit after settled: the
 *   transfer is `completed`): the return is booked here (`booked`): the ledger reverses what the
 *   attempt had booked, the attempt is `returned`, the transfer goes to support's queue.
 * Either way returnEffects() applies what the return means for the advance and the account.
 * All of it in one transaction, under the attempt's row lock, with the same posting key the
 * transfer workflow would use: whoever books first, the return is booked once.
 */
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '../../db/pool';
import { returnCodeClass } from '../../domain/ach/return-codes';
import { config } from '../../platform/config';
import { logger } from '../../platform/logger';
import { crashPoint } from './crash-points';
import { getTransfer, setTransferStatus, type TransferRow } from './transfers-store';
import { bookAttemptStatus } from './ledger-booking';

/** The return workflow's type name, id and input (the workflow is started by name: imports run one way). */
export const TRANSFER_RETURN_WORKFLOW_TYPE = 'transferReturnWorkflow';
/**
 * The transfer's id with the event's: an event id alone is a counter of one Plaid environment, and
 * two environments (or two test databases' sandboxes) on one Temporal namespace would share
 * `transfer-return-1`. Stored with the return's row, which is where a start reads it from.
 */
export const transferReturnWorkflowId = (e: { plaidTransferId: string; eventId: number }) => `transfer-return-${e.plaidTransferId}-${e.eventId}`;
export interface TransferReturnInput {
  eventId: number;
  /** How long to wait before asking again while the transfer's own workflow still follows events. */
  pollIntervalSeconds: number;
  /** Start-to-close timeout of each activity; crash tests shorten it. */
  activityTimeoutSeconds?: number;
}
export type ReturnOutcome = 'booked' | 'handled' | 'unmatched' | 'waiting';

/** Records a `returned` event as a return to settle (in the event sync's transaction). */
export async function recordReturnEvent(c: PoolClient, e: { eventId: number; plaidTransferId: string; returnCode: string | null }): Promise<void> {
  await c.query(
    `INSERT INTO transfers.returns (event_id, plaid_transfer_id, return_code, workflow_id) VALUES ($1, $2, $3, $4) ON CONFLICT (event_id) DO NOTHING`,
    [e.eventId, e.plaidTransferId, e.returnCode, transferReturnWorkflowId(e)],
  );
}

/**
 * Starts the workflow of each return not started yet: this sync's, and any a crash left behind
 * (older than 10 s, so a sync running elsewhere starts its own first). A repeated start lands on
 * the same run (USE_EXISTING) and a finished one is never run again.
 */
export async function startPendingReturnWorkflows(pool: Pool, client: Client, thisSync: readonly number[], overrides: Partial<TransferReturnInput> = {}): Promise<number> {
  const { rows } = await pool.query(
    `SELECT event_id, workflow_id FROM transfers.returns WHERE workflow_started_at IS NULL AND (event_id = ANY($1::bigint[]) OR created_at < now() - interval '10 seconds') ORDER BY event_id LIMIT 500`,
    [thisSync],
  );
  for (const r of rows) {
    const eventId = Number(r.event_id);
    const input: TransferReturnInput = { eventId, pollIntervalSeconds: config().TRANSFER_POLL_INTERVAL_SECONDS, ...overrides };
    try {
      await client.workflow.start(TRANSFER_RETURN_WORKFLOW_TYPE, {
        taskQueue: config().TEMPORAL_TASK_QUEUE,
        // The id stored with the row (rows recorded before the id named the transfer keep theirs).
        workflowId: r.workflow_id,
        args: [input],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        staticSummary: `ACH return, Plaid event ${eventId}`,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    await pool.query(`UPDATE transfers.returns SET workflow_started_at = coalesce(workflow_started_at, now()) WHERE event_id = $1`, [eventId]);
  }
  return rows.length;
}

/** Unauthorized return codes (Nacha): no further debit until the customer authorizes again. */
export const stopsDebits = (code: string | null | undefined) => !!code && returnCodeClass(code) === 'unauthorized';

/**
 * What a return means beyond the ledger, wherever it is recorded (the transfer workflow's event, or
 * a late return here): a returned advance ends `returned` (nothing owed: the ledger reversed the
 * receivable); a repayment returned after it had repaid the advance makes it outstanding again
 * (unless another advance is open meanwhile: the ledger still says what is owed); an unauthorized
 * debit return stops every debit on the account.
 */
export async function returnEffects(c: PoolClient, t: TransferRow, r: { eventId: number; returnCode: string | null; late: boolean }): Promise<void> {
  if (t.purpose === 'disbursement') {
    await c.query(`UPDATE transfers.advances SET status = 'returned', closed_at = coalesce(closed_at, now()) WHERE id = $1 AND status IN ('disbursing', 'outstanding')`, [t.advanceId]);
  } else if (r.late) {
    await c.query(
      `UPDATE transfers.advances a SET status = 'outstanding', closed_at = NULL WHERE a.id = $1 AND a.status = 'repaid'
         AND NOT EXISTS (SELECT 1 FROM transfers.advances o WHERE o.account_id = a.account_id AND o.id <> a.id AND o.status IN ('disbursing', 'outstanding'))`,
      [t.advanceId],
    );
  }
  if (t.direction === 'debit' && stopsDebits(r.returnCode)) {
    await c.query(
      `INSERT INTO transfers.debit_stops (account_id, transfer_id, event_id, return_code) VALUES ($1, $2, $3, $4) ON CONFLICT (event_id) DO NOTHING`,
      [t.accountId, t.id, r.eventId, r.returnCode],
    );
  }
}

/** Success statuses after which a transfer's workflow has ended and reads no more events. */
const ENDED_AT: Record<'credit' | 'debit', string> = { credit: 'settled', debit: 'funds_available' };

/** One look at a return: book it, leave it to the transfer's workflow, or wait (see the top). */
export async function settleReturn(pool: Pool, eventId: number): Promise<{ outcome: ReturnOutcome; transferId: string | null }> {
  const result = await withTransaction(async (c) => {
    const ret = (
      await c.query(
        `SELECT r.outcome, r.plaid_transfer_id, r.return_code, e.failure_reason FROM transfers.returns r JOIN transfers.plaid_events e ON e.event_id = r.event_id WHERE r.event_id = $1 FOR UPDATE OF r`,
        [eventId],
      )
    ).rows[0];
    if (!ret) return { outcome: 'unmatched' as const, transferId: null };
    const att = (
      await c.query(`SELECT transfer_id, attempt, status FROM transfers.attempts WHERE plaid_transfer_id = $1 FOR UPDATE`, [ret.plaid_transfer_id])
    ).rows[0];
    if (ret.outcome) return { outcome: ret.outcome as ReturnOutcome, transferId: att?.transfer_id ?? null };
    const decide = async (outcome: Exclude<ReturnOutcome, 'waiting'>) => {
      await c.query(`UPDATE transfers.returns SET outcome = $2, decided_at = now() WHERE event_id = $1`, [eventId, outcome]);
      return { outcome, transferId: att?.transfer_id ?? null };
    };
    // Not one of our transfers (another originator's, or a test's): nothing of ours to reverse.
    if (!att) return decide('unmatched');
    if (att.status === 'returned') return decide('handled');
    const t = (await getTransfer(c, att.transfer_id))!;
    if (t.status !== 'completed' || att.status !== ENDED_AT[t.direction]) return { outcome: 'waiting' as const, transferId: t.id };

    await bookAttemptStatus(c, t, att.attempt, att.status, 'returned');
    await c.query(`UPDATE transfers.attempts SET status = 'returned', return_code = $3, failure_reason = coalesce($4, failure_reason), updated_at = now() WHERE transfer_id = $1 AND attempt = $2`, [
      t.id,
      att.attempt,
      ret.return_code,
      ret.failure_reason,
    ]);
    // Support's queue: the transfer needs attention again, with the code and what happened.
    await setTransferStatus(c, t.id, 'needs_attention', {
      returnCode: ret.return_code,
      failureReason: `Returned by the bank after it had ${att.status === 'settled' ? 'settled' : 'completed'}${ret.failure_reason ? `: ${ret.failure_reason}` : ''}`,
    });
    await returnEffects(c, t, { eventId, returnCode: ret.return_code, late: true });
    return decide('booked');
  }, pool);
  await crashPoint('return:after-commit', result.transferId ?? String(eventId));
  return result;
}

/** A return the transfer's workflow never recorded within the wait: support must look (logged, kept `unmatched`). */
export async function giveUpOnReturn(pool: Pool, eventId: number): Promise<void> {
  await pool.query(`UPDATE transfers.returns SET outcome = 'unmatched', decided_at = now() WHERE event_id = $1 AND outcome IS NULL`, [eventId]);
  logger.error({ eventId }, 'a returned transfer event was never recorded by its transfer workflow');
}
