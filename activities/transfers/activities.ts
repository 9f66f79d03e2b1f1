/**
 * The transfers module's activities, one per step of transferWorkflow. Each is idempotent: the
 * attempt row is keyed by (transfer, attempt) and by its idempotency key; ledger postings by a
 * key naming the transfer, the attempt and the event. A retried or replayed activity rewrites
 * nothing and posts nothing twice.
 */
import { ApplicationFailure } from '@temporalio/common';
import { getPool, withTransaction } from '../../db/pool';
import { ledgerLinesFor, LedgerEvent } from '../../domain/ledger';
import { logger } from '../../platform/logger';
import { getTemporalClient } from '../../platform/temporal-client';
import { bankDeps, BankDeps } from '../bank/deps';
import { syncTransferEventsPage } from './event-sync';
import { authorizeTransfer, cancelTransfer, createTransfer } from './plaid-transfer';
import { getTransfer, post, recordStaffAction, setTransferStatus } from './transfers-store';

export interface StoredTransferEvent {
  eventId: number;
  eventType: string;
  failureCode: string | null;
  failureReason: string | null;
  timestamp: string;
}

export type AttemptEnd = 'succeeded' | 'failed' | 'returned' | 'cancelled';

const TERMINAL: Record<string, AttemptEnd | undefined> = { failed: 'failed', returned: 'returned', cancelled: 'cancelled' };

async function transferOrFail(id: string) {
  const t = await getTransfer(getPool(), id);
  if (!t) throw ApplicationFailure.nonRetryable(`transfer ${id} does not exist`, 'TRANSFER_NOT_FOUND');
  return t;
}

/** Posts the ledger lines for one event of one attempt, once. */
async function postEvent(c: Parameters<typeof post>[0], transferId: string, attempt: number, event: LedgerEvent['kind'], t: { accountId: string; purpose: 'disbursement' | 'repayment'; amountCents: number }) {
  const lines = ledgerLinesFor({ kind: event, purpose: t.purpose, accountId: t.accountId, amountCents: t.amountCents });
  await post(c, { key: `${transferId}:${attempt}:${event}`, transferId, attempt, event, lines });
}

export function transferActivities(getDeps: () => BankDeps = bankDeps) {
  return {
    async authorizePlaidTransfer(a: { transferId: string; attempt: number; idempotencyKey: string; accountId: string; direction: 'credit' | 'debit'; amountCents: number; legalName: string }) {
      const pool = getPool();
      await pool.query(
        `INSERT INTO transfers.attempts (transfer_id, attempt, idempotency_key, status) VALUES ($1, $2, $3, 'authorizing') ON CONFLICT DO NOTHING`,
        [a.transferId, a.attempt, a.idempotencyKey],
      );
      const r = await authorizeTransfer(getDeps(), a);
      await withTransaction(async (c) => {
        await c.query(
          `UPDATE transfers.attempts SET authorization_id = $3, decision = $4, decision_rationale = $5, status = $6, updated_at = now() WHERE transfer_id = $1 AND attempt = $2`,
          [a.transferId, a.attempt, r.authorizationId, r.decision, JSON.stringify(r.raw), r.decision === 'approved' ? 'authorized' : 'declined'],
        );
        await setTransferStatus(c, a.transferId, 'authorizing');
      }, pool);
      return { decision: r.decision, authorizationId: r.authorizationId, rationale: r.rationale };
    },

    async recordDeclinedAttempt(d: { transferId: string; attempt: number; rationale: string | null }): Promise<void> {
      await withTransaction(async (c) => {
        await c.query(`UPDATE transfers.attempts SET failure_reason = $3, updated_at = now() WHERE transfer_id = $1 AND attempt = $2`, [d.transferId, d.attempt, d.rationale]);
        await setTransferStatus(c, d.transferId, 'needs_attention', { failureReason: `authorization declined: ${d.rationale ?? 'no reason given'}` });
      }, getPool());
    },

    /** Creates the transfer at Plaid (idempotent on the authorization) and posts the pending lines. */
    async createPlaidTransfer(x: { transferId: string; attempt: number; accountId: string; authorizationId: string; purpose: 'disbursement' | 'repayment'; description: string | null }) {
      const pool = getPool();
      const t = await transferOrFail(x.transferId);
      const key = (await pool.query('SELECT idempotency_key FROM transfers.attempts WHERE transfer_id = $1 AND attempt = $2', [x.transferId, x.attempt])).rows[0].idempotency_key;
      const created = await createTransfer(getDeps(), {
        accountId: x.accountId,
        authorizationId: x.authorizationId,
        idempotencyKey: key,
        // Nacha prescribes the description of a re-presented entry (RETRY PYMT).
        description: x.description ?? (x.purpose === 'disbursement' ? 'Timely advance' : 'Timely repay'),
      });
      await withTransaction(async (c) => {
        await c.query(`UPDATE transfers.attempts SET plaid_transfer_id = $3, status = 'pending', updated_at = now() WHERE transfer_id = $1 AND attempt = $2`, [
          x.transferId,
          x.attempt,
          created.plaidTransferId,
        ]);
        await setTransferStatus(c, x.transferId, 'pending');
        await postEvent(c, x.transferId, x.attempt, 'pending', t);
      }, pool);
      return { plaidTransferId: created.plaidTransferId };
    },

    async readTransferEvents(r: { plaidTransferId: string; afterEventId: number }): Promise<StoredTransferEvent[]> {
      const { rows } = await getPool().query(
        `SELECT event_id, event_type, failure_code, failure_reason, timestamp FROM transfers.plaid_events
         WHERE plaid_transfer_id = $1 AND event_id > $2 ORDER BY event_id`,
        [r.plaidTransferId, r.afterEventId],
      );
      return rows.map((e) => ({ eventId: Number(e.event_id), eventType: e.event_type, failureCode: e.failure_code, failureReason: e.failure_reason, timestamp: e.timestamp.toISOString() }));
    },

    /**
     * Applies one stored event to the attempt, the transfer, the advance and the ledger.
     * Success is `settled` for a credit and `funds_available` for a debit.
     */
    async recordTransferEvent(x: { transferId: string; attempt: number; direction: 'credit' | 'debit'; event: StoredTransferEvent }) {
      const t = await transferOrFail(x.transferId);
      const e = x.event;
      const succeeded = (x.direction === 'credit' && e.eventType === 'settled') || (x.direction === 'debit' && e.eventType === 'funds_available');
      const ended: AttemptEnd | undefined = succeeded ? 'succeeded' : TERMINAL[e.eventType];
      await withTransaction(async (c) => {
        await c.query(
          `UPDATE transfers.attempts SET status = $3, return_code = coalesce($4, return_code), failure_reason = coalesce($5, failure_reason),
             settled_on = CASE WHEN $3 = 'settled' THEN coalesce(settled_on, ($6::timestamptz)::date) ELSE settled_on END, updated_at = now()
           WHERE transfer_id = $1 AND attempt = $2`,
          [x.transferId, x.attempt, e.eventType, e.failureCode, e.failureReason, e.timestamp],
        );
        if (succeeded) {
          await setTransferStatus(c, x.transferId, 'completed');
          await postEvent(c, x.transferId, x.attempt, 'succeeded', t);
          await c.query(
            `UPDATE transfers.advances SET status = $2, closed_at = CASE WHEN $2 = 'repaid' THEN now() ELSE closed_at END WHERE id = $1`,
            [t.advanceId, t.purpose === 'disbursement' ? 'outstanding' : 'repaid'],
          );
        } else if (ended) {
          await setTransferStatus(c, x.transferId, ended === 'cancelled' ? 'cancelled' : 'needs_attention', { returnCode: e.failureCode, failureReason: e.failureReason });
          await postEvent(c, x.transferId, x.attempt, 'reversed', t);
        } else {
          await setTransferStatus(c, x.transferId, e.eventType);
        }
      }, getPool());
      const day = e.timestamp.slice(0, 10);
      const attempt: { status: string; returnCode?: string; failureReason?: string; settledOn?: string; postedOn?: string } = { status: e.eventType };
      if (e.failureCode) attempt.returnCode = e.failureCode;
      if (e.failureReason) attempt.failureReason = e.failureReason;
      if (e.eventType === 'settled') attempt.settledOn = day;
      if (e.eventType === 'posted') attempt.postedOn = day;
      return { ended: ended ?? null, attempt };
    },

    async cancelPlaidTransfer(x: { accountId: string; plaidTransferId: string }) {
      return cancelTransfer(getDeps(), x.plaidTransferId);
    },

    /** Support gave up on a failed transfer: a failed disbursement closes its advance. */
    async recordTransferCancelled(x: { transferId: string }): Promise<void> {
      const t = await transferOrFail(x.transferId);
      await withTransaction(async (c) => {
        await setTransferStatus(c, x.transferId, 'cancelled');
        if (t.purpose === 'disbursement') await c.query(`UPDATE transfers.advances SET status = 'cancelled', closed_at = now() WHERE id = $1`, [t.advanceId]);
      }, getPool());
    },

    async recordStaffAction(a: { transferId: string; staffId: string; action: 'retry' | 'cancel'; actionKey: string }): Promise<void> {
      // Keyed by the workflow Update's id, so a retried activity does not record twice.
      await recordStaffAction(getPool(), { ...a, outcome: 'accepted' });
    },

    async escalateTransfer(x: { transferId: string; waitedSeconds: number }): Promise<void> {
      await getPool().query(`UPDATE transfers.transfers SET escalated_at = coalesce(escalated_at, now()), updated_at = now() WHERE id = $1`, [x.transferId]);
      logger.warn({ transferId: x.transferId, waitedSeconds: x.waitedSeconds }, 'transfer escalated: no support action in time');
    },

    /** One page of /transfer/event/sync, then a nudge to each affected transfer workflow. */
    async syncTransferEvents(): Promise<{ recorded: number; hasMore: boolean; lastEventId: number }> {
      const batch = await syncTransferEventsPage(getDeps());
      const client = getTemporalClient();
      await Promise.all(
        batch.workflowIds.map((id) =>
          client.workflow
            .getHandle(id)
            .signal('transferEventsStored')
            .catch((err) => logger.warn({ err, workflowId: id }, 'could not signal transfer workflow; it will re-read on its poll')),
        ),
      );
      return { recorded: batch.recorded, hasMore: batch.hasMore, lastEventId: batch.lastEventId };
    },
  };
}
