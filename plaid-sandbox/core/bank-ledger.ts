/**
 * The sandbox bank's book-keeping: every transaction it books moves the account's balances the
 * way a bank does, so a later balance read reflects it.
 * - posted: current and available both move by the amount;
 * - pending debit: only available drops (a hold); pending credit: nothing until it posts.
 * Amounts use Plaid's sign (positive = money leaves the account).
 */
import { isoDate } from '../clock';
import { plaidId } from '../ids';
import { adjustBalances } from '../store/accounts';
import type { Db } from '../store/db';
import { findTransaction, insertTransactions, modifyTransaction, removeTransaction, type NewTransaction, type TransactionRow } from '../store/transactions';

export interface Entry {
  amount_cents: number;
  date?: string;
  name: string;
  merchant_name?: string | null;
  pending?: boolean;
  payment_channel?: 'online' | 'in store' | 'other';
  pfc_primary?: string | null;
  pfc_detailed?: string | null;
  counterparty_type?: string | null;
  pending_transaction_id?: string | null;
}

/** Balance deltas (current, available) in cents of booking an entry. */
export function balanceEffect(amountCents: number, pending: boolean): { current: number; available: number } {
  if (pending) return { current: 0, available: amountCents > 0 ? -amountCents : 0 };
  return { current: -amountCents, available: -amountCents };
}

export async function book(db: Db, itemId: string, accountId: string, e: Entry, now: Date, opts: { adjustBalance?: boolean } = {}): Promise<string> {
  const txn: NewTransaction = {
    transaction_id: plaidId(),
    account_id: accountId,
    amount_cents: e.amount_cents,
    iso_currency_code: 'USD',
    date: e.date ?? isoDate(now),
    authorized_date: e.date ?? isoDate(now),
    name: e.name,
    merchant_name: e.merchant_name ?? null,
    payment_channel: e.payment_channel ?? 'other',
    pfc_primary: e.pfc_primary ?? null,
    pfc_detailed: e.pfc_detailed ?? null,
    counterparty_type: e.counterparty_type ?? (e.merchant_name ? 'merchant' : null),
    transaction_code: null,
    pending: e.pending ?? false,
    pending_transaction_id: e.pending_transaction_id ?? null,
  };
  await insertTransactions(db, itemId, [txn]);
  if (opts.adjustBalance !== false) {
    const d = balanceEffect(txn.amount_cents, txn.pending);
    await adjustBalances(db, accountId, d.current, d.available);
  }
  return txn.transaction_id;
}

/** Undoes a transaction's effect and marks it removed. */
export async function unbook(db: Db, t: TransactionRow, opts: { adjustBalance?: boolean } = {}): Promise<void> {
  await removeTransaction(db, t.item_id, t.transaction_id);
  if (opts.adjustBalance !== false) {
    const d = balanceEffect(t.amount_cents, t.pending);
    await adjustBalances(db, t.account_id, -d.current, -d.available);
  }
}

/**
 * A pending transaction posts: at Plaid the pending id comes in `removed` and a new posted
 * transaction in `added`, carrying `pending_transaction_id`.
 */
export async function postPending(db: Db, pendingId: string, now: Date, change: { amount_cents?: number; date?: string } = {}): Promise<string> {
  const t = await findTransaction(db, pendingId, { lock: true });
  if (!t || !t.pending || t.removed_seq !== null) throw new Error(`not a live pending transaction: ${pendingId}`);
  await unbook(db, t);
  return book(
    db,
    t.item_id,
    t.account_id,
    {
      amount_cents: change.amount_cents ?? t.amount_cents,
      date: change.date ?? isoDate(now),
      name: t.name,
      merchant_name: t.merchant_name,
      payment_channel: t.payment_channel as Entry['payment_channel'],
      pfc_primary: t.pfc_primary,
      pfc_detailed: t.pfc_detailed,
      counterparty_type: t.counterparty_type,
      pending_transaction_id: t.transaction_id,
    },
    now,
  );
}

/** Changes a live transaction (it comes in `modified`), moving balances by the difference. */
export async function amend(db: Db, t: TransactionRow, change: { amount_cents?: number; name?: string; date?: string }, opts: { adjustBalance?: boolean } = {}): Promise<void> {
  await modifyTransaction(db, t.item_id, t.transaction_id, change);
  if (opts.adjustBalance !== false && change.amount_cents !== undefined) {
    const before = balanceEffect(t.amount_cents, t.pending);
    const after = balanceEffect(change.amount_cents, t.pending);
    await adjustBalances(db, t.account_id, after.current - before.current, after.available - before.available);
  }
}
