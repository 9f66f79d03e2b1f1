/**
 * What GET /v1/me shows of a customer's advances, from the transfers module in one query: the
 * latest advance (the open one, when there is one: an account has at most one open advance and it
 * is always its newest), its transfers, what it still owes and what the account owes in all (both
 * from the ledger), the day Plaid sent it when it is open, and a debit stop not lifted yet. The
 * customer's home screen reads this on every visit, so it is one statement instead of
 * advanceState's several (which the evaluation rules need, and this view does not).
 */
import type { Pool } from 'pg';
import { advanceSentOnSql } from './business-dates';
import { activeDebitStopSql, type DebitStop, debitStopOf } from './debit-guard';

/** Transfer statuses that are not final: one money movement at a time per account. */
export const TRANSFER_IN_FLIGHT = ['created', 'authorizing', 'pending', 'posted', 'settled', 'retrying', 'cancelling'];

export interface CustomerAdvanceFacts {
  /** The account's total outstanding, from the ledger. */
  outstandingCents: number;
  /** Debits stopped after an unauthorized return and not authorized again (debit-guard.ts). */
  debitStop: DebitStop | null;
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
    /** An open advance's sending day (Plaid's first event; business-dates.ts), else null. */
    sentOn: string | null;
    /** The repayment the customer was last told about (./announced-repayment.ts), else null. */
    announcedRepayment: { amountCents: number; scheduledFor: string; sentOn: string } | null;
  } | null;
}

export async function customerAdvanceFacts(pool: Pool, accountId: string): Promise<CustomerAdvanceFacts> {
  const receivable = `customer_receivable:${accountId}`;
  // Named, so each connection prepares it once: the home screen's read skips the parse and plan.
  const { rows } = await pool.query({
    name: 'customer-advance-facts',
    text: `WITH latest AS (SELECT id, status, created_at, announced_repayment_cents, announced_repayment_on, repayment_announced_on
                       FROM transfers.advances WHERE account_id = $1 ORDER BY created_at DESC LIMIT 1)
     SELECT l.id, l.status, to_char(l.created_at, 'YYYY-MM-DD') AS created_on, l.announced_repayment_cents,
       to_char(l.announced_repayment_on, 'YYYY-MM-DD') AS announced_repayment_on, to_char(l.repayment_announced_on, 'YYYY-MM-DD') AS repayment_announced_on,
       (SELECT coalesce(sum(amount_cents), 0) FROM transfers.ledger_lines WHERE ledger_account = $2) AS outstanding_total,
       (SELECT coalesce(sum(li.amount_cents), 0) FROM transfers.ledger_lines li JOIN transfers.ledger_postings p ON p.id = li.posting_id
          JOIN transfers.transfers t ON t.id = p.transfer_id WHERE li.ledger_account = $2 AND t.advance_id = l.id) AS outstanding_latest,
       (SELECT json_agg(json_build_object('purpose', t.purpose, 'status', t.status, 'returnCode', t.return_code, 'updatedAt', t.updated_at) ORDER BY t.created_at)
          FROM transfers.transfers t WHERE t.advance_id = l.id) AS transfers,
       CASE WHEN l.status IN (${OPEN.map((o) => `'${o}'`).join(', ')}) THEN ${advanceSentOnSql('l.id')} END AS sent_on,
       ${activeDebitStopSql('$1')} AS debit_stop
     FROM (SELECT 1) one LEFT JOIN latest l ON true`,
    values: [accountId, receivable],
  });
  const r = rows[0];
  const debitStop = debitStopOf(r.debit_stop);
  if (!r.id) return { outstandingCents: Number(r.outstanding_total), debitStop, latest: null };
  const transfers: NonNullable<CustomerAdvanceFacts['latest']>['transfers'] = (r.transfers ?? []).map(
    (t: { purpose: 'disbursement' | 'repayment'; status: string; returnCode: string | null; updatedAt: string }) => ({ ...t, updatedAt: new Date(t.updatedAt).toISOString() }),
  );
  const open = OPEN.includes(r.status);
  const moving = open ? transfers.find((t) => TRANSFER_IN_FLIGHT.includes(t.status)) : undefined;
  return {
    outstandingCents: Number(r.outstanding_total),
    debitStop,
    latest: {
      id: r.id,
      status: r.status,
      open,
      createdOn: r.created_on,
      outstandingCents: Number(r.outstanding_latest),
      transfers,
      inFlight: moving ? (moving.purpose === 'disbursement' ? 'advance' : 'repayment') : null,
      sentOn: r.sent_on,
      announcedRepayment:
        r.announced_repayment_cents === null
          ? null
          : { amountCents: Number(r.announced_repayment_cents), scheduledFor: r.announced_repayment_on, sentOn: r.repayment_announced_on },
    },
  };
}

/** An advance still open: being sent, or sent and not fully repaid. */
const OPEN = ['disbursing', 'outstanding'];
