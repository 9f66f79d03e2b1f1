/**
 * What GET /v1/me shows of a customer's advances, from the transfers module in one query: the
 * latest advance (the open one, when there is one: an account has at most one open advance and it
 * is always its newest), its transfers, what it still owes and what the account owes in all (both
 * from the ledger). The customer's home screen reads this on every visit, so it is one round trip
 * instead of advanceState's several (which the evaluation rules need, and this view does not).
 */
import type { Pool } from 'pg';

/** Transfer statuses that are not final: one money movement at a time per account. */
export const TRANSFER_IN_FLIGHT = ['created', 'authorizing', 'pending', 'posted', 'settled', 'retrying', 'cancelling'];

export interface CustomerAdvanceFacts {
  /** The account's total outstanding, from the ledger. */
  outstandingCents: number;
  latest: {
    id: string;
    status: string;
    open: boolean;
    createdOn: string;
    outstandingCents: number;
    /** Oldest first. */
    transfers: { purpose: 'disbursement' | 'repayment'; status: string; returnCode: string | null; updatedAt: string }[];
    /** The first transfer still in flight, as advanceState reports it. */
    inFlight: 'advance' | 'repayment' | null;
  } | null;
}

export async function customerAdvanceFacts(pool: Pool, accountId: string): Promise<CustomerAdvanceFacts> {
  const receivable = `customer_receivable:${accountId}`;
  const { rows } = await pool.query(
    `WITH latest AS (SELECT id, status, created_at FROM transfers.advances WHERE account_id = $1 ORDER BY created_at DESC LIMIT 1)
     SELECT l.id, l.status, to_char(l.created_at, 'YYYY-MM-DD') AS created_on,
       (SELECT coalesce(sum(amount_cents), 0) FROM transfers.ledger_lines WHERE ledger_account = $2) AS outstanding_total,
       (SELECT coalesce(sum(li.amount_cents), 0) FROM transfers.ledger_lines li JOIN transfers.ledger_postings p ON p.id = li.posting_id
          JOIN transfers.transfers t ON t.id = p.transfer_id WHERE li.ledger_account = $2 AND t.advance_id = l.id) AS outstanding_latest,
       (SELECT json_agg(json_build_object('purpose', t.purpose, 'status', t.status, 'returnCode', t.return_code, 'updatedAt', t.updated_at) ORDER BY t.created_at)
          FROM transfers.transfers t WHERE t.advance_id = l.id) AS transfers
     FROM (SELECT 1) one LEFT JOIN latest l ON true`,
    [accountId, receivable],
  );
  const r = rows[0];
  if (!r.id) return { outstandingCents: Number(r.outstanding_total), latest: null };
  const transfers: NonNullable<CustomerAdvanceFacts['latest']>['transfers'] = (r.transfers ?? []).map(
    (t: { purpose: 'disbursement' | 'repayment'; status: string; returnCode: string | null; updatedAt: string }) => ({ ...t, updatedAt: new Date(t.updatedAt).toISOString() }),
  );
  const open = r.status === 'disbursing' || r.status === 'outstanding';
  const moving = open ? transfers.find((t) => TRANSFER_IN_FLIGHT.includes(t.status)) : undefined;
  return {
    outstandingCents: Number(r.outstanding_total),
    latest: {
      id: r.id,
      status: r.status,
      open,
      createdOn: r.created_on,
      outstandingCents: Number(r.outstanding_latest),
      transfers,
      inFlight: moving ? (moving.purpose === 'disbursement' ? 'advance' : 'repayment') : null,
    },
  };
}
