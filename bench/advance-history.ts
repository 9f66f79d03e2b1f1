/**
 * The evaluate benchmark's advance histories, as a live book has them: accounts that repaid an
 * advance weeks ago, and accounts owing one that went out days ago (sent, settled, on the ledger).
 * Rows as the transfer workflows leave them, for what the sweep reads (advances, transfers,
 * attempts, Plaid's events, the receivable); a repaid advance's postings, which no evaluation
 * reads, are left out. Plaid event ids start far above the sandbox's, so the bench's own transfers'
 * events never collide with them.
 */
import type { Pool } from 'pg';

const PRINCIPAL_CENTS = 5000;
const FIRST_EVENT_ID = 1_000_000_000_000;

/** Each of `repaid` repaid an advance 20 days ago; each of `owing` owes one sent 5 days ago. */
export async function seedAdvanceHistory(pool: Pool, repaid: readonly string[], owing: readonly string[]): Promise<void> {
  // After the bench's earlier seeds' (a warm-up's), if any.
  const { rows } = await pool.query(`SELECT coalesce(max(event_id), $1::bigint - 1) + 1 AS first FROM transfers.plaid_events WHERE event_id >= $1::bigint`, [FIRST_EVENT_ID]);
  const firstEventId = Number(rows[0].first);
  await pool.query(
    `WITH adv AS (
       INSERT INTO transfers.advances (id, account_id, principal_cents, evaluation_id, status, created_at, closed_at)
       SELECT gen_random_uuid(), a, $2, 'bench-history-repaid-' || a, 'repaid', now() - interval '30 days', now() - interval '20 days' FROM unnest($1::uuid[]) a
       RETURNING id, account_id),
     tr AS (
       INSERT INTO transfers.transfers (id, advance_id, account_id, purpose, direction, amount_cents, workflow_id, seq, status, created_at, updated_at)
       SELECT gen_random_uuid(), adv.id, adv.account_id, p.purpose, p.direction, $2, 'bench-history-' || p.purpose || '-' || adv.id, 1, 'completed', now() - p.ago, now() - p.ago
       FROM adv, (VALUES ('disbursement', 'credit', interval '30 days'), ('repayment', 'debit', interval '20 days')) p(purpose, direction, ago)
       RETURNING id, purpose, created_at),
     att AS (
       INSERT INTO transfers.attempts (transfer_id, attempt, idempotency_key, plaid_transfer_id, status, created_at, updated_at)
       SELECT id, 1, 'bench-history-' || id, 'bench-history-' || id, 'settled', created_at, created_at FROM tr
       RETURNING transfer_id, plaid_transfer_id)
     INSERT INTO transfers.plaid_events (event_id, plaid_transfer_id, event_type, timestamp, raw)
     SELECT $3::bigint + row_number() OVER (), att.plaid_transfer_id, CASE tr.purpose WHEN 'disbursement' THEN 'pending' ELSE 'funds_available' END, tr.created_at, '{}'::jsonb
     FROM att JOIN tr ON tr.id = att.transfer_id`,
    [repaid, PRINCIPAL_CENTS, firstEventId - 1],
  );
  await pool.query(
    `WITH adv AS (
       INSERT INTO transfers.advances (id, account_id, principal_cents, evaluation_id, status, created_at)
       SELECT gen_random_uuid(), a, $2, 'bench-history-owing-' || a, 'outstanding', now() - interval '5 days' FROM unnest($1::uuid[]) a
       RETURNING id, account_id, created_at),
     tr AS (
       INSERT INTO transfers.transfers (id, advance_id, account_id, purpose, direction, amount_cents, workflow_id, seq, status, created_at, updated_at)
       SELECT gen_random_uuid(), id, account_id, 'disbursement', 'credit', $2, 'bench-history-disbursement-' || id, 1, 'completed', created_at, created_at FROM adv
       RETURNING id, account_id, created_at),
     att AS (
       INSERT INTO transfers.attempts (transfer_id, attempt, idempotency_key, plaid_transfer_id, status, created_at, updated_at)
       SELECT id, 1, 'bench-history-' || id, 'bench-history-' || id, 'settled', created_at, created_at FROM tr
       RETURNING transfer_id, plaid_transfer_id),
     ev AS (
       INSERT INTO transfers.plaid_events (event_id, plaid_transfer_id, event_type, timestamp, raw)
       SELECT $3::bigint + row_number() OVER (), att.plaid_transfer_id, 'pending', tr.created_at, '{}'::jsonb FROM att JOIN tr ON tr.id = att.transfer_id),
     post AS (
       INSERT INTO transfers.ledger_postings (posting_key, transfer_id, attempt, event) SELECT 'bench-history-' || id, id, 1, 'settled' FROM tr
       RETURNING id, transfer_id)
     INSERT INTO transfers.ledger_lines (posting_id, ledger_account, amount_cents)
     SELECT post.id, l.account, l.cents FROM post JOIN tr ON tr.id = post.transfer_id,
       LATERAL (VALUES ('customer_receivable:' || tr.account_id, $2::bigint), ('operating_cash', -$2::bigint)) l(account, cents)`,
    [owing, PRINCIPAL_CENTS, firstEventId - 1 + 2 * repaid.length],
  );
}
