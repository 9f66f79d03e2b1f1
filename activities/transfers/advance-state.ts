/**
 * The transfers module's answers for the evaluate rules (what is outstanding, what is in flight,
 * how the last repayment went) and the two ways an evaluation moves money: open an advance, or
 * start a repayment. Both are idempotent on the evaluation's key: a retried activity finds what
 * it made instead of making another.
 */
import type { Pool } from 'pg';
import { isUniqueViolation, withTransaction } from '../../db/pool';
import { businessToday } from '../../platform/business-clock';
import { getTemporalClient } from '../../platform/temporal-client';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { retryTransferUpdate, transferWorkflowId } from '../../workflows/transfer';
import { advanceStates } from './advance-states';
import { crashPoint } from './crash-points';
import { DebitStop, debitRefusal } from './debit-guard';
import { startTransferWorkflow } from './start';
import { insertTransfer, toTransfer, TransferRow } from './transfers-store';

export interface AdvanceState {
  advance: {
    id: string;
    outstandingCents: number;
    disbursedOn: string;
    /** The repayment the customer was last told about (./announced-repayment.ts), else null. */
    announcedRepayment: { amountCents: number; scheduledFor: string; sentOn: string } | null;
  } | null;
  transferInFlight: { kind: 'advance' | 'repayment' } | null;
  lastRepaymentAttempt: {
    transferId: string;
    outcome: 'returned' | 'failed';
    on: string;
    returnCode: string | null;
    priorRepresentments: number;
    originalSettlementDate: string | null;
    priorFailedRetries: number;
  } | null;
  lastRepaidOn: string | null;
  lastAdvanceReturn: { on: string; returnCode: string | null } | null;
  /** Nacha: no debit after an unauthorized return until the customer authorizes again (./debit-guard.ts). */
  debitsStopped: DebitStop | null;
}


/** One account's AdvanceState: the set-based reader (./advance-states.ts) asked about one account. */
export async function advanceState(pool: Pool, accountId: string): Promise<AdvanceState> {
  return (await advanceStates(pool, [accountId])).get(accountId)!;
}

/** Opens the advance and starts its disbursement's workflow; the same key returns the same advance. */
export async function startAdvance(
  pool: Pool,
  a: { accountId: string; amountCents: number; evaluationKey: string },
): Promise<{ advanceId: string; transferWorkflowId: string } | { refused: string }> {
  let transfer: TransferRow;
  const existing = await pool.query(
    `SELECT t.* FROM transfers.advances a JOIN transfers.transfers t ON t.advance_id = a.id AND t.purpose = 'disbursement' WHERE a.evaluation_id = $1`,
    [a.evaluationKey],
  );
  if (existing.rows[0]) transfer = toTransfer(existing.rows[0]);
  else {
    try {
      transfer = await withTransaction(async (c) => {
        const { rows } = await c.query(
          `INSERT INTO transfers.advances (id, account_id, principal_cents, evaluation_id, status) VALUES (gen_random_uuid(), $1, $2, $3, 'disbursing') RETURNING id`,
          [a.accountId, a.amountCents, a.evaluationKey],
        );
        const advanceId = rows[0].id;
        return insertTransfer(c, { advanceId, accountId: a.accountId, purpose: 'disbursement', direction: 'credit', amountCents: a.amountCents, seq: 1, workflowId: transferWorkflowId(advanceId, 'disbursement', 1) });
      }, pool);
    } catch (err) {
      // Another evaluation opened one first: one advance per account, whoever races.
      if (isUniqueViolation(err, 'advances_one_open_per_account')) return { refused: 'an advance is already open for this account' };
      throw err;
    }
  }
  // The advance is stored, its transfer's workflow not started yet: a worker dying here leaves it to the retry.
  await crashPoint('advance:after-commit', transfer.id);
  await startTransferWorkflow(getTemporalClient(), transfer);
  return { advanceId: transfer.advanceId, transferWorkflowId: transfer.workflowId };
}

/**
 * Starts a repayment of the open advance; the same key returns the same transfer. A repayment that
 * came back and waits for support is presented again through its own workflow's retry Update (the
 * one path for re-presentments, where the Nacha validator decides), never as a second transfer.
 */
export async function startRepayment(
  pool: Pool,
  r: { accountId: string; advanceId: string; amountCents: number; evaluationKey: string },
): Promise<{ transferWorkflowId: string } | { refused: string }> {
  // An unauthorized return stopped debits on the account, or the return-rate guard paused them all.
  const refusal = await debitRefusal(pool, r.accountId);
  if (refusal) return { refused: refusal };
  const waiting = (
    await pool.query(`SELECT * FROM transfers.transfers WHERE advance_id = $1 AND purpose = 'repayment' AND status = 'needs_attention' ORDER BY created_at DESC LIMIT 1`, [r.advanceId])
  ).rows[0];
  if (waiting) {
    const t = toTransfer(waiting);
    try {
      await getTemporalClient().workflow.getHandle(t.workflowId).executeUpdate(retryTransferUpdate, { args: [{ staffId: 'system:evaluate', today: await businessToday() }] });
      return { transferWorkflowId: t.workflowId };
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) return { refused: err.cause?.message ?? err.message };
      // A late return put a completed transfer back in support's queue: its workflow has ended.
      if (err instanceof WorkflowNotFoundError) return { refused: 'the returned repayment waits for support: its workflow has ended' };
      throw err;
    }
  }
  let transfer: TransferRow;
  const existing = await pool.query('SELECT * FROM transfers.transfers WHERE origin_key = $1', [r.evaluationKey]);
  if (existing.rows[0]) transfer = toTransfer(existing.rows[0]);
  else {
    try {
      transfer = await withTransaction(async (c) => {
        // Lock the advance: two evaluations cannot both add a repayment.
        const adv = (await c.query(`SELECT status FROM transfers.advances WHERE id = $1 FOR UPDATE`, [r.advanceId])).rows[0];
        if (adv?.status !== 'outstanding') throw Object.assign(new Error('advance not outstanding'), { refused: true });
        const busy = await c.query(
          `SELECT 1 FROM transfers.transfers WHERE advance_id = $1 AND purpose = 'repayment' AND status NOT IN ('completed', 'cancelled', 'needs_attention')`,
          [r.advanceId],
        );
        if (busy.rowCount) throw Object.assign(new Error('a repayment is already in flight'), { refused: true });
        const seq = Number((await c.query(`SELECT count(*) + 1 AS n FROM transfers.transfers WHERE advance_id = $1 AND purpose = 'repayment'`, [r.advanceId])).rows[0].n);
        const t = await insertTransfer(c, { advanceId: r.advanceId, accountId: r.accountId, purpose: 'repayment', direction: 'debit', amountCents: r.amountCents, seq, workflowId: transferWorkflowId(r.advanceId, 'repayment', seq) });
        await c.query('UPDATE transfers.transfers SET origin_key = $2 WHERE id = $1', [t.id, r.evaluationKey]);
        return t;
      }, pool);
    } catch (err) {
      if ((err as { refused?: boolean }).refused) return { refused: (err as Error).message };
      throw err;
    }
  }
  await startTransferWorkflow(getTemporalClient(), transfer);
  return { transferWorkflowId: transfer.workflowId };
}
