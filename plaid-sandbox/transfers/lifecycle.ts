/**
 * Transfer status changes, shared by /sandbox/transfer/simulate, /transfer/cancel and the
 * automatic clock: each updates the transfer, appends its event (sequential event_id) and, at
 * settlement, books the money on the customer's sandbox account (a debit leaves it, a credit
 * arrives), so a later balance read and /transactions/sync reflect it.
 *
 *   pending -> posted -> settled -> funds_available (debits only; a credit ends at settled)
 *   pending -> failed | cancelled;  posted -> returned (ACH return code in failure_reason)
 * A bank may also return a transfer after it settled (consumer returns come up to 60 days later):
 * /__sandbox/transfers/return allows `returned` from settled and funds_available too, and the
 * money booked at settlement goes back (the entry is reversed on the customer's account).
 */
import { book } from '../core/bank-ledger';
import type { Db } from '../store/db';
import { insertTransferEvent, type TransferRow, type TransferStatus, updateTransferStatus } from '../store/transfers';
import { describeReturn } from './ach-returns';

export type TransferEvent = 'posted' | 'settled' | 'funds_available' | 'failed' | 'returned' | 'cancelled';

/** Which event may follow which status (what /sandbox/transfer/simulate accepts, plus cancel). */
const NEXT: Record<TransferStatus, TransferEvent[]> = {
  pending: ['posted', 'failed', 'cancelled'],
  posted: ['settled', 'returned'],
  settled: ['funds_available'],
  funds_available: [],
  cancelled: [],
  failed: [],
  returned: [],
};

/** Statuses a bank can still return a transfer from: it reached the network and was not returned yet. */
export const LATE_RETURNABLE: TransferStatus[] = ['posted', 'settled', 'funds_available'];

export function canApply(t: Pick<TransferRow, 'status' | 'type'>, event: TransferEvent): boolean {
  if (event === 'funds_available' && t.type !== 'debit') return false;
  return NEXT[t.status].includes(event);
}

/** Failure details given by a caller (simulate); missing parts get defaults. */
export interface Failure {
  failure_code?: string | null;
  description?: string;
}

export interface TransitionResult {
  eventId: number;
  /** A transaction was booked on the Item's account (its SYNC_UPDATES_AVAILABLE is due). */
  booked: boolean;
}

/** Applies `event` at time `at`; the caller checked canApply and holds the row lock. */
export async function applyTransition(db: Db, t: TransferRow, event: TransferEvent, at: Date, opts: { failure?: Failure; originatorName: string }): Promise<TransitionResult> {
  let failure: { failure_code: string | null; description: string } | null = null;
  if (event === 'returned') {
    const code = opts.failure?.failure_code ?? 'R01';
    failure = { failure_code: code, description: opts.failure?.description ?? describeReturn(code) };
  } else if (event === 'failed') {
    failure = { failure_code: null, description: opts.failure?.description ?? 'The transfer failed: no funds were moved' };
  }

  let bankTransactionId: string | undefined;
  let reversed = false;
  if (event === 'returned' && t.bank_transaction_id !== null) {
    // Returned after settlement: the bank takes the entry back (a returned debit refunds the customer).
    await book(
      db,
      t.item_id,
      t.account_id,
      {
        amount_cents: t.type === 'debit' ? -t.amount_cents : t.amount_cents,
        name: `${opts.originatorName} ${t.description} RETURN`.toUpperCase(),
        merchant_name: opts.originatorName,
        payment_channel: 'other',
        counterparty_type: 'financial_institution',
        pfc_primary: t.type === 'debit' ? 'TRANSFER_IN' : 'TRANSFER_OUT',
        pfc_detailed: t.type === 'debit' ? 'TRANSFER_IN_ACCOUNT_TRANSFER' : 'TRANSFER_OUT_ACCOUNT_TRANSFER',
      },
      at,
    );
    reversed = true;
  }
  if (event === 'settled') {
    const originator = opts.originatorName;
    bankTransactionId = await book(
      db,
      t.item_id,
      t.account_id,
      {
        // Plaid's sign on the customer's statement: a debit takes money out (positive).
        amount_cents: t.type === 'debit' ? t.amount_cents : -t.amount_cents,
        name: `${originator} ${t.description}`.toUpperCase(),
        merchant_name: originator,
        payment_channel: 'other',
        counterparty_type: 'financial_institution',
        pfc_primary: t.type === 'debit' ? 'LOAN_PAYMENTS' : 'TRANSFER_IN',
        pfc_detailed: t.type === 'debit' ? 'LOAN_PAYMENTS_OTHER_PAYMENT' : 'TRANSFER_IN_CASH_ADVANCES_AND_LOANS',
      },
      at,
    );
  }

  await updateTransferStatus(db, t.transfer_id, {
    status: event,
    at,
    failureCode: failure?.failure_code,
    failureDescription: failure?.description,
    bankTransactionId,
    settledAt: event === 'settled' ? at : undefined,
  });
  const eventId = await insertTransferEvent(db, {
    transfer_id: t.transfer_id,
    event_type: event,
    occurred_at: at,
    failure_code: failure?.failure_code,
    failure_description: failure?.description,
  });
  return { eventId, booked: bankTransactionId !== undefined || reversed };
}
