/**
 * Booking an attempt's status change in the ledger (domain/ledger.ts: position(to) -
 * position(from)) under a key naming the transfer, the attempt and the new status. Used by the
 * transfer workflow's activities and by a late return: whoever books a status first, it is booked
 * once (unique key), and a repeated status books nothing.
 */
import type { PoolClient } from 'pg';
import { linesFor, TransferStatus as LedgerStatus } from '../../domain/ledger';
import { post } from './transfers-store';

/** Plaid Transfer statuses that change what a transfer stands for in the ledger (domain/ledger.ts). */
export const LEDGER_STATUSES: readonly string[] = ['pending', 'posted', 'settled', 'funds_available', 'failed', 'cancelled', 'returned'];
/** Our attempt statuses before Plaid has a transfer (authorizing, authorized, declined) book nothing. */
const ledgerStatus = (s: string | null): LedgerStatus | null => (s === null ? null : LEDGER_STATUSES.includes(s) ? (s as LedgerStatus) : 'created');

export async function bookAttemptStatus(
  c: PoolClient,
  t: { id: string; accountId: string; purpose: 'disbursement' | 'repayment'; amountCents: number },
  attempt: number,
  from: string | null,
  to: string,
): Promise<void> {
  const lines = linesFor({
    kind: t.purpose === 'disbursement' ? 'advance' : 'repayment',
    transferId: `${t.id}:${attempt}`,
    accountId: t.accountId,
    amountCents: t.amountCents,
    from: ledgerStatus(from),
    to: ledgerStatus(to)!,
  });
  await post(c, { key: `${t.id}:${attempt}:${to}`, transferId: t.id, attempt, event: to, lines });
}
