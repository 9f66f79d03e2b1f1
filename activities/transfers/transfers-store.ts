/** The transfers schema: advances, transfers, attempts, Plaid events, ledger postings, support actions. */
import { isPgTimestamptzText, isUuidText } from '../../db/cursor-time';
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { isUniqueViolation, withTransaction } from '../../db/pool';
import { DomainError } from '../../platform/errors';

export type Purpose = 'disbursement' | 'repayment';

export interface TransferRow {
  id: string;
  advanceId: string;
  accountId: string;
  purpose: Purpose;
  direction: 'credit' | 'debit';
  amountCents: number;
  workflowId: string;
  seq: number;
  status: string;
  returnCode: string | null;
  failureReason: string | null;
  escalatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const toTransfer = (r: any): TransferRow => ({
  id: r.id,
  advanceId: r.advance_id,
  accountId: r.account_id,
  purpose: r.purpose,
  direction: r.direction,
  amountCents: Number(r.amount_cents),
  workflowId: r.workflow_id,
  seq: r.seq,
  status: r.status,
  returnCode: r.return_code,
  failureReason: r.failure_reason,
  escalatedAt: r.escalated_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/**
 * Opens an advance and its disbursement transfer in one transaction. The partial unique index
 * allows one open advance per account, so two evaluations racing create one advance.
 */
export async function openAdvance(
  pool: Pool,
  a: { accountId: string; amountCents: number; evaluationId: string | null },
  workflowIdFor: (advanceId: string) => string,
): Promise<{ advanceId: string; transfer: TransferRow }> {
  try {
    return await withTransaction(async (c) => {
      const advanceId = randomUUID();
      await c.query(`INSERT INTO transfers.advances (id, account_id, principal_cents, evaluation_id, status) VALUES ($1, $2, $3, $4, 'disbursing')`, [
        advanceId,
        a.accountId,
        a.amountCents,
        a.evaluationId,
      ]);
      const transfer = await insertTransfer(c, { advanceId, accountId: a.accountId, purpose: 'disbursement', direction: 'credit', amountCents: a.amountCents, seq: 1, workflowId: workflowIdFor(advanceId) });
      return { advanceId, transfer };
    }, pool);
  } catch (err) {
    if (isUniqueViolation(err, 'advances_one_open_per_account'))
      throw new DomainError('conflict', 'advance-open', 'This account already has an advance that is not repaid.');
    throw err;
  }
}

export async function insertTransfer(
  c: PoolClient | Pool,
  t: { advanceId: string; accountId: string; purpose: Purpose; direction: 'credit' | 'debit'; amountCents: number; seq: number; workflowId: string },
): Promise<TransferRow> {
  const { rows } = await c.query(
    `INSERT INTO transfers.transfers (id, advance_id, account_id, purpose, direction, amount_cents, workflow_id, seq, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'created') RETURNING *`,
    [randomUUID(), t.advanceId, t.accountId, t.purpose, t.direction, t.amountCents, t.workflowId, t.seq],
  );
  return toTransfer(rows[0]);
}

export async function getTransfer(db: Pool | PoolClient, id: string): Promise<TransferRow | undefined> {
  const { rows } = await db.query('SELECT * FROM transfers.transfers WHERE id = $1', [id]);
  return rows[0] && toTransfer(rows[0]);
}

/**
 * Transfers, most recently changed first. `status: 'escalated'` finds those that need attention and
 * waited longer than TRANSFER_ESCALATE_AFTER_SECONDS.
 */
export async function listTransfers(pool: Pool, f: { status?: string; accountId?: string; limit: number }): Promise<TransferRow[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.status === 'escalated') where.push(`status = 'needs_attention' AND escalated_at IS NOT NULL`);
  else if (f.status) where.push(`status = $${args.push(f.status)}`);
  if (f.accountId) where.push(`account_id = $${args.push(f.accountId)}`);
  const { rows } = await pool.query(
    `SELECT * FROM transfers.transfers ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC LIMIT $${args.push(f.limit)}`,
    args,
  );
  return rows.map(toTransfer);
}

export async function setTransferStatus(db: Pool | PoolClient, id: string, status: string, extra: { returnCode?: string | null; failureReason?: string | null } = {}): Promise<void> {
  await db.query(
    `UPDATE transfers.transfers SET status = $2, return_code = coalesce($3, return_code), failure_reason = coalesce($4, failure_reason), updated_at = now() WHERE id = $1`,
    [id, status, extra.returnCode ?? null, extra.failureReason ?? null],
  );
}

/** Writes one balanced posting; a second write with the same key is a no-op (returns false). */
export async function post(
  c: PoolClient,
  p: { key: string; transferId: string; attempt: number; event: string; lines: { account: string; amountCents: number }[] },
): Promise<boolean> {
  if (p.lines.length === 0) return false;
  const ins = await c.query(
    `INSERT INTO transfers.ledger_postings (posting_key, transfer_id, attempt, event) VALUES ($1, $2, $3, $4) ON CONFLICT (posting_key) DO NOTHING RETURNING id`,
    [p.key, p.transferId, p.attempt, p.event],
  );
  if (!ins.rows[0]) return false;
  for (const l of p.lines)
    await c.query('INSERT INTO transfers.ledger_lines (posting_id, ledger_account, amount_cents) VALUES ($1, $2, $3)', [ins.rows[0].id, l.account, l.amountCents]);
  return true;
}

export async function ledgerOf(db: Pool | PoolClient, transferId: string) {
  const { rows } = await db.query(
    `SELECT p.posting_key, p.event, p.attempt, p.posted_at, l.ledger_account, l.amount_cents
     FROM transfers.ledger_postings p JOIN transfers.ledger_lines l ON l.posting_id = p.id WHERE p.transfer_id = $1 ORDER BY p.id, l.id`,
    [transferId],
  );
  return rows.map((r) => ({ postingKey: r.posting_key, event: r.event, attempt: r.attempt, postedAt: r.posted_at.toISOString(), account: r.ledger_account, amountCents: Number(r.amount_cents) }));
}

/** Outstanding of each advance of an account (receivable lines of its transfers' postings), from the ledger. */
export async function outstandingByAdvance(db: Pool | PoolClient, accountId: string): Promise<Map<string, number>> {
  const { rows } = await db.query(
    `SELECT t.advance_id, sum(l.amount_cents) AS s FROM transfers.ledger_lines l
     JOIN transfers.ledger_postings p ON p.id = l.posting_id JOIN transfers.transfers t ON t.id = p.transfer_id
     WHERE l.ledger_account = $1 GROUP BY t.advance_id`,
    [`customer_receivable:${accountId}`],
  );
  return new Map(rows.map((r) => [r.advance_id as string, Number(r.s)]));
}

export async function attemptsOf(db: Pool | PoolClient, transferId: string) {
  const { rows } = await db.query(
    `SELECT attempt, idempotency_key, authorization_id, decision, decision_rationale, plaid_transfer_id, status, return_code, failure_reason,
            to_char(settled_on, 'YYYY-MM-DD') AS settled_on, to_char(posted_on, 'YYYY-MM-DD') AS posted_on, created_at, updated_at
       FROM transfers.attempts WHERE transfer_id = $1 ORDER BY attempt`,
    [transferId],
  );
  return rows.map((r) => ({
    attempt: r.attempt,
    idempotencyKey: r.idempotency_key,
    authorizationId: r.authorization_id,
    decision: r.decision,
    decisionRationale: r.decision_rationale,
    plaidTransferId: r.plaid_transfer_id,
    status: r.status,
    returnCode: r.return_code,
    failureReason: r.failure_reason,
    settledOn: r.settled_on,
    postedOn: r.posted_on as string | null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }));
}

export async function eventsOfTransfer(db: Pool | PoolClient, transferId: string) {
  const { rows } = await db.query(
    `SELECT e.event_id, e.plaid_transfer_id, e.event_type, e.timestamp, e.failure_code, e.failure_reason FROM transfers.plaid_events e
     JOIN transfers.attempts a ON a.plaid_transfer_id = e.plaid_transfer_id WHERE a.transfer_id = $1 ORDER BY e.event_id`,
    [transferId],
  );
  return rows.map((r) => ({ eventId: Number(r.event_id), plaidTransferId: r.plaid_transfer_id, eventType: r.event_type, timestamp: r.timestamp.toISOString(), failureCode: r.failure_code, failureReason: r.failure_reason }));
}

export async function staffActionsOf(db: Pool | PoolClient, transferId: string) {
  const { rows } = await db.query('SELECT staff_id, action, outcome, detail, note, at FROM transfers.staff_actions WHERE transfer_id = $1 ORDER BY id', [transferId]);
  return rows.map((r) => ({ staffId: r.staff_id as string, action: r.action, outcome: r.outcome, detail: r.detail, note: r.note as string | null, at: r.at.toISOString() }));
}

export async function recordStaffAction(
  db: Pool | PoolClient,
  a: { transferId: string; staffId: string; action: 'retry' | 'cancel'; outcome: 'accepted' | 'refused'; actionKey?: string; detail?: string; note?: string },
): Promise<void> {
  await db.query(
    `INSERT INTO transfers.staff_actions (transfer_id, staff_id, action, outcome, action_key, detail, note) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (action_key) DO NOTHING`,
    [a.transferId, a.staffId, a.action, a.outcome, a.actionKey ?? null, a.detail ?? null, a.note ?? null],
  );
}

/**
 * Support closes a case whose transfer workflow has ended (a late return booked by the return
 * workflow): the transfer leaves the queue as `cancelled` (its return code stays, the return's
 * ledger lines and effects stay as booked) and the staff action is recorded, in one transaction.
 * Returns false when the transfer was no longer waiting (closed already: nothing is recorded twice).
 */
export async function closeEndedCase(pool: Pool, a: { transferId: string; staffId: string; note: string }): Promise<boolean> {
  return withTransaction(async (c) => {
    const r = await c.query(`UPDATE transfers.transfers SET status = 'cancelled', updated_at = now() WHERE id = $1 AND status = 'needs_attention'`, [a.transferId]);
    if ((r.rowCount ?? 0) === 0) return false;
    await recordStaffAction(c, {
      transferId: a.transferId,
      staffId: a.staffId,
      action: 'cancel',
      outcome: 'accepted',
      detail: 'Case closed: the transfer was returned after its workflow had ended; the return stays booked',
      note: a.note,
    });
    return true;
  }, pool);
}

export interface QueueRow extends TransferRow {
  needsAttentionSince: string;
  escalated: boolean;
}

export interface QueuePage {
  items: QueueRow[];
  nextCursor: string | null;
}

/**
 * Transfers waiting for support: escalated first, then oldest first by when they entered
 * needs_attention (stamped by a trigger, migration 0011). Keyset-paged: the cursor carries
 * Postgres' own text of the time (microseconds kept) and the id.
 */
export async function attentionQueue(pool: Pool, opts: { limit: number; cursor?: string }): Promise<QueuePage> {
  const args: unknown[] = [];
  // Sort key: 0 = escalated, 1 = not; then since, then id.
  const key = `((escalated_at IS NULL)::int, coalesce(needs_attention_since, updated_at), id)`;
  let after = '';
  if (opts.cursor) {
    const c = decodeQueueCursor(opts.cursor);
    args.push(c.e, c.t, c.id);
    after = `AND ${key} > ($1::int, $2::timestamptz, $3::uuid)`;
  }
  args.push(opts.limit + 1);
  const { rows } = await pool.query(
    `SELECT *, (escalated_at IS NULL)::int AS cursor_e, coalesce(needs_attention_since, updated_at) AS since, coalesce(needs_attention_since, updated_at)::text AS cursor_t
       FROM transfers.transfers WHERE status = 'needs_attention' ${after}
      ORDER BY ${key} LIMIT $${args.length}`,
    args,
  );
  const items = rows.slice(0, opts.limit).map((r) => ({ ...toTransfer(r), needsAttentionSince: r.since.toISOString(), escalated: r.escalated_at !== null }));
  const last = rows.length > opts.limit ? rows[opts.limit - 1] : undefined;
  return { items, nextCursor: last ? Buffer.from(JSON.stringify({ e: last.cursor_e, t: last.cursor_t, id: last.id })).toString('base64url') : null };
}

function decodeQueueCursor(cursor: string): { e: number; t: string; id: string } {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if ((v?.e !== 0 && v?.e !== 1) || !isPgTimestamptzText(v.t) || !isUuidText(v.id)) throw new Error('shape');
    return { e: v.e, t: v.t, id: v.id };
  } catch {
    throw new DomainError('invalid', 'validation-error', 'The cursor is not one this API returned.', 'query.cursor');
  }
}

/** The attempts of many transfers (for the queue's rules), by transfer id, in attempt order. */
export async function attemptFactsOf(db: Pool | PoolClient, transferIds: readonly string[]) {
  const { rows } = await db.query(
    `SELECT transfer_id, status, return_code, plaid_transfer_id, to_char(settled_on, 'YYYY-MM-DD') AS settled_on, to_char(posted_on, 'YYYY-MM-DD') AS posted_on
       FROM transfers.attempts WHERE transfer_id = ANY($1::uuid[]) ORDER BY transfer_id, attempt`,
    [transferIds],
  );
  const out = new Map<string, { status: string; returnCode: string | null; settledOn: string | null; postedOn: string | null; plaidTransferId: string | null }[]>();
  for (const r of rows) {
    const list = out.get(r.transfer_id) ?? [];
    list.push({ status: r.status, returnCode: r.return_code, settledOn: r.settled_on, postedOn: r.posted_on, plaidTransferId: r.plaid_transfer_id });
    out.set(r.transfer_id, list);
  }
  return out;
}

/** An account's advances, newest first, with what each still owes (from the ledger). */
export async function advancesOf(db: Pool | PoolClient, accountId: string, limit = 50) {
  const [{ rows }, outstanding] = await Promise.all([
    db.query(`SELECT id, principal_cents, status, created_at, closed_at FROM transfers.advances WHERE account_id = $1 ORDER BY created_at DESC LIMIT $2`, [accountId, limit]),
    outstandingByAdvance(db, accountId),
  ]);
  return rows.map((a) => ({
    id: a.id as string,
    principalCents: Number(a.principal_cents),
    outstandingCents: outstanding.get(a.id) ?? 0,
    status: a.status as string,
    createdAt: a.created_at.toISOString() as string,
  }));
}
