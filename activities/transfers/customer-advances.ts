/**
 * A customer's advances (newest first, at most 50) with their transfers and what each still owes,
 * and what the account owes in all, both from the ledger: GET /v1/advances in one statement.
 */
import type { Pool } from 'pg';

export interface CustomerAdvance {
  id: string;
  principalCents: number;
  status: string;
  createdAt: string;
  closedAt: string | null;
  outstandingCents: number;
  /** Most recently changed first. */
  transfers: { id: string; purpose: 'disbursement' | 'repayment'; direction: string; amountCents: number; status: string; returnCode: string | null; updatedAt: string }[];
}

export async function customerAdvances(pool: Pool, accountId: string): Promise<{ outstandingCents: number; advances: CustomerAdvance[] }> {
  // Named, so each connection prepares it once (parse and plan skipped on every later read).
  const { rows } = await pool.query({
    name: 'customer-advances',
    text: `SELECT total.s AS total, a.id, a.principal_cents, a.status, a.created_at, a.closed_at, coalesce(owed.s, 0) AS outstanding,
         (SELECT json_agg(json_build_object('id', t.id, 'purpose', t.purpose, 'direction', t.direction, 'amountCents', t.amount_cents,
                  'status', t.status, 'returnCode', t.return_code, 'updatedAt', t.updated_at) ORDER BY t.updated_at DESC)
            FROM transfers.transfers t WHERE t.advance_id = a.id) AS transfers
       FROM (SELECT coalesce(sum(amount_cents), 0) AS s FROM transfers.ledger_lines WHERE ledger_account = $2) total
       LEFT JOIN (SELECT id, principal_cents, status, created_at, closed_at FROM transfers.advances WHERE account_id = $1 ORDER BY created_at DESC LIMIT 50) a ON true
       LEFT JOIN LATERAL (SELECT sum(l.amount_cents) AS s FROM transfers.ledger_lines l JOIN transfers.ledger_postings p ON p.id = l.posting_id
                   JOIN transfers.transfers t ON t.id = p.transfer_id WHERE l.ledger_account = $2 AND t.advance_id = a.id) owed ON true
      ORDER BY a.created_at DESC`,
    values: [accountId, `customer_receivable:${accountId}`],
  });
  return {
    outstandingCents: Number(rows[0].total),
    advances: rows
      .filter((r) => r.id)
      .map((r) => ({
        id: r.id,
        principalCents: Number(r.principal_cents),
        status: r.status,
        createdAt: r.created_at.toISOString(),
        closedAt: r.closed_at?.toISOString() ?? null,
        outstandingCents: Number(r.outstanding),
        transfers: (r.transfers ?? []).map((t: CustomerAdvance['transfers'][number]) => ({ ...t, amountCents: Number(t.amountCents), updatedAt: new Date(t.updatedAt).toISOString() })),
      })),
  };
}
