/**
 * The transfers module's activities, one per step of transferWorkflow. Each is idempotent: the
 * attempt row is keyed by (transfer, attempt) and by its idempotency key; ledger postings by a
 * key naming the transfer, the attempt and the event. A retried or replayed activity rewrites
 * nothing and posts nothing twice.
 */
import { heartbeat } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { getPool, withTransaction } from '../../db/pool';
import { businessToday } from '../../platform/business-clock';
import { logger } from '../../platform/logger';
import { getTemporalClient } from '../../platform/temporal-client';
import { legalNameOf } from '../accounts/legal-name';
import { bankDeps, BankDeps } from '../bank/deps';
import { crashPoint } from './crash-points';
import { syncTransferEventsPage } from './event-sync';
import { bookAttemptStatus, LEDGER_STATUSES } from './ledger-booking';
import { reconcileWithPlaid, type ReconcileRequest } from './reconciliation';
import { guardReturnRates } from './return-rate-guard';
import { returnEffects, settleReturn, giveUpOnReturn, startPendingReturnWorkflows } from './returns';
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

/**
 * Events that are a status of the transfer. Plaid also sends events about sweeps and refunds
 * (swept, return_swept, refund.*): stored, shown to staff, but they change no status and book nothing.
 */
export const isStatusEvent = (eventType: string) => LEDGER_STATUSES.includes(eventType);

/** Books an attempt's status change (ledger-booking.ts): a repeated or replayed event books nothing. */
const bookStatusChange = bookAttemptStatus;

/** The attempt's status before this change, locked for the rest of the transaction. */
async function lockAttemptStatus(c: Parameters<typeof post>[0], transferId: string, attempt: number): Promise<string | null> {
  const { rows } = await c.query('SELECT status FROM transfers.attempts WHERE transfer_id = $1 AND attempt = $2 FOR UPDATE', [transferId, attempt]);
  return rows[0]?.status ?? null;
}

export function transferActivities(getDeps: () => BankDeps = bankDeps) {
  return {
    async authorizePlaidTransfer(a: { transferId: string; attempt: number; idempotencyKey: string; accountId: string; direction: 'credit' | 'debit'; amountCents: number; legalName?: string }) {
      const pool = getPool();
      // Looked up here, not carried by the workflow (runs started before issue 13 still pass it).
      const legalName = a.legalName ?? (await legalNameOf(pool, a.accountId));
      await pool.query(
        `INSERT INTO transfers.attempts (transfer_id, attempt, idempotency_key, status) VALUES ($1, $2, $3, 'authorizing') ON CONFLICT DO NOTHING`,
        [a.transferId, a.attempt, a.idempotencyKey],
      );
      // Plaid answers the same idempotency key with the same authorization: a retry after a crash asks again safely.
      const r = await authorizeTransfer(getDeps(), { ...a, legalName });
      await crashPoint('authorize:after-plaid', a.transferId);
      await withTransaction(async (c) => {
        await c.query(
          `UPDATE transfers.attempts SET authorization_id = $3, decision = $4, decision_rationale = $5, status = $6, updated_at = now()
           WHERE transfer_id = $1 AND attempt = $2 AND status IN ('authorizing', 'authorized', 'declined')`,
          [a.transferId, a.attempt, r.authorizationId, r.decision, JSON.stringify(r.raw), r.decision === 'approved' ? 'authorized' : 'declined'],
        );
        // A new attempt starts clean: the previous attempt's code and escalation stay on that attempt.
        await c.query(
          `UPDATE transfers.transfers SET status = 'authorizing', return_code = NULL, failure_reason = NULL, escalated_at = NULL, updated_at = now()
           WHERE id = $1 AND status IN ('created', 'authorizing', 'needs_attention')`,
          [a.transferId],
        );
      }, pool);
      return { decision: r.decision, authorizationId: r.authorizationId, rationale: r.rationale };
    },

    /** An attempt that ended before reaching the network: declined by Plaid, or refused (e.g. the bank login expired). */
    async recordAttemptFailure(d: { transferId: string; attempt: number; idempotencyKey: string; status: 'declined' | 'failed'; reason: string }): Promise<void> {
      // Plaid has no event for it: dated by the business clock (./business-dates.ts).
      const failedOn = await businessToday();
      await withTransaction(async (c) => {
        await c.query(
          `INSERT INTO transfers.attempts (transfer_id, attempt, idempotency_key, status, failure_reason, failed_on) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (transfer_id, attempt) DO UPDATE SET status = EXCLUDED.status, failure_reason = EXCLUDED.failure_reason,
             failed_on = coalesce(transfers.attempts.failed_on, EXCLUDED.failed_on), updated_at = now()`,
          [d.transferId, d.attempt, d.idempotencyKey, d.status, d.reason, failedOn],
        );
        await c.query(`UPDATE transfers.transfers SET status = 'needs_attention', return_code = NULL, failure_reason = $2, updated_at = now() WHERE id = $1`, [d.transferId, d.reason]);
      }, getPool());
    },

    /** Creates the transfer at Plaid (idempotent on the authorization) and posts the pending lines. */
    async createPlaidTransfer(x: { transferId: string; attempt: number; accountId: string; authorizationId: string; purpose: 'disbursement' | 'repayment'; description: string | null }) {
      const pool = getPool();
      const t = await transferOrFail(x.transferId);
      const key = (await pool.query('SELECT idempotency_key FROM transfers.attempts WHERE transfer_id = $1 AND attempt = $2', [x.transferId, x.attempt])).rows[0].idempotency_key;
      await crashPoint('create:before-plaid', x.transferId);
      const created = await createTransfer(getDeps(), {
        accountId: x.accountId,
        authorizationId: x.authorizationId,
        idempotencyKey: key,
        // Nacha prescribes the description of a re-presented entry (RETRY PYMT).
        description: x.description ?? (x.purpose === 'disbursement' ? 'Timely advance' : 'Timely repay'),
      });
      await crashPoint('create:after-plaid', x.transferId);
      await withTransaction(async (c) => {
        const from = await lockAttemptStatus(c, x.transferId, x.attempt);
        await c.query(`UPDATE transfers.attempts SET plaid_transfer_id = $3, status = CASE WHEN status IN ('authorizing', 'authorized') THEN 'pending' ELSE status END, updated_at = now() WHERE transfer_id = $1 AND attempt = $2`, [
          x.transferId,
          x.attempt,
          created.plaidTransferId,
        ]);
        if (from === 'authorizing' || from === 'authorized') {
          await setTransferStatus(c, x.transferId, 'pending');
          await bookStatusChange(c, t, x.attempt, from, 'pending');
        }
      }, pool);
      await crashPoint('create:after-commit', x.transferId);
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
      if (!isStatusEvent(e.eventType)) return { ended: null, attempt: {} };
      const succeeded = (x.direction === 'credit' && e.eventType === 'settled') || (x.direction === 'debit' && e.eventType === 'funds_available');
      const ended: AttemptEnd | undefined = succeeded ? 'succeeded' : TERMINAL[e.eventType];
      await withTransaction(async (c) => {
        const from = await lockAttemptStatus(c, x.transferId, x.attempt);
        // Position(to) - position(from) under a unique key: a repeated or replayed event books nothing.
        await bookStatusChange(c, t, x.attempt, from, e.eventType);
        await c.query(
          `UPDATE transfers.attempts SET status = $3::text, return_code = coalesce($4, return_code), failure_reason = coalesce($5, failure_reason),
             settled_on = CASE WHEN $3::text = 'settled' THEN coalesce(settled_on, ($6::timestamptz)::date) ELSE settled_on END,
             posted_on = CASE WHEN $3::text = 'posted' THEN coalesce(posted_on, ($6::timestamptz)::date) ELSE posted_on END, updated_at = now()
           WHERE transfer_id = $1 AND attempt = $2`,
          [x.transferId, x.attempt, e.eventType, e.failureCode, e.failureReason, e.timestamp],
        );
        if (succeeded) {
          await setTransferStatus(c, x.transferId, 'completed');
          await c.query(
            `UPDATE transfers.advances SET status = $2, closed_at = CASE WHEN $2 = 'repaid' THEN now() ELSE closed_at END WHERE id = $1 AND status IN ('disbursing', 'outstanding')`,
            [t.advanceId, t.purpose === 'disbursement' ? 'outstanding' : 'repaid'],
          );
        } else if (ended) {
          await setTransferStatus(c, x.transferId, ended === 'cancelled' ? 'cancelled' : 'needs_attention', { returnCode: e.failureCode, failureReason: e.failureReason ?? `Plaid: ${e.eventType}` });
          if (ended === 'returned') await returnEffects(c, t, { eventId: e.eventId, returnCode: e.failureCode, late: false });
        } else {
          await setTransferStatus(c, x.transferId, e.eventType);
        }
      }, getPool());
      await crashPoint(`event:${e.eventType}:after-commit`, x.transferId);
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
        // A returned advance stays `returned` (the money came back): only one still on its way is cancelled.
        if (t.purpose === 'disbursement') await c.query(`UPDATE transfers.advances SET status = 'cancelled', closed_at = now() WHERE id = $1 AND status = 'disbursing'`, [t.advanceId]);
      }, getPool());
    },

    async recordStaffAction(a: { transferId: string; staffId: string; action: 'retry' | 'cancel'; actionKey: string; detail?: string; note?: string }): Promise<void> {
      // Keyed by the workflow Update's id, so a retried activity does not record twice.
      await recordStaffAction(getPool(), { ...a, outcome: 'accepted' });
    },

    async escalateTransfer(x: { transferId: string; attempt: number; waitedSeconds: number }): Promise<void> {
      await getPool().query(`UPDATE transfers.transfers SET escalated_at = coalesce(escalated_at, now()), updated_at = now() WHERE id = $1 AND status = 'needs_attention'`, [x.transferId]);
      logger.warn({ transferId: x.transferId, attempt: x.attempt, waitedSeconds: x.waitedSeconds }, 'transfer escalated: no support action in time');
    },

    /** One page of /transfer/event/sync, then a nudge to each affected transfer workflow. */
    async syncTransferEvents(): Promise<{ recorded: number; hasMore: boolean; lastEventId: number }> {
      heartbeat();
      const batch = await syncTransferEventsPage(getDeps());
      heartbeat();
      const client = getTemporalClient();
      await Promise.all(
        batch.workflowIds.map((id) =>
          client.workflow
            .getHandle(id)
            .signal('transferEventsStored')
            .catch((err) => logger.warn({ err, workflowId: id }, 'could not signal transfer workflow; it will re-read on its poll')),
        ),
      );
      if (batch.returnEventIds.length) await crashPoint('sync:after-commit', batch.returnEventIds.join(','));
      // Each stored `returned` event gets its return workflow (this page's, and any a crash left behind).
      await startPendingReturnWorkflows(getPool(), client, batch.returnEventIds);
      return { recorded: batch.recorded, hasMore: batch.hasMore, lastEventId: batch.lastEventId };
    },

    /** One look at a return (activities/transfers/returns.ts): booked, handled by its transfer's workflow, or wait. */
    async settleReturn(x: { eventId: number }) {
      return settleReturn(getPool(), x.eventId);
    },

    async giveUpOnReturn(x: { eventId: number }): Promise<void> {
      await giveUpOnReturn(getPool(), x.eventId);
    },

    /** The daily reconciliation with Plaid (./reconciliation.ts); idempotent, heartbeats per page. */
    async reconcileTransfers(r: Omit<ReconcileRequest, 'day'> & { day?: string }) {
      return reconcileWithPlaid(getDeps(), { ...r, day: r.day ?? (await businessToday()) });
    },

    /** The daily return-rate guard (./return-rate-guard.ts). */
    async guardReturnRates(g: { day?: string }) {
      const r = await guardReturnRates(getPool(), g.day ?? (await businessToday()));
      return { debitEntries: r.report.debitEntries, unauthorizedReturns: r.report.unauthorized.returns, paused: r.paused, pausedNow: r.pausedNow };
    },
  };
}
