/**
 * plaid_sandbox.transactions and the change log /transactions/sync reads.
 *
 * Every insert, modification and removal takes the next value of plaid_sandbox.change_seq and
 * records it on the row (added_seq / modified_seq / removed_seq, and change_seq = the latest);
 * the Item's last_change_seq is raised to match. A sync cursor is a position in that sequence.
 */
import { centsFromDb } from '../money';
import { bumpChangeSeq } from './items';
import { chunks, type Db } from './db';

export interface NewTransaction {
  transaction_id: string;
  account_id: string;
  amount_cents: number;
  iso_currency_code: string;
  date: string;
  authorized_date: string | null;
  name: string;
  merchant_name: string | null;
  payment_channel: string;
  pfc_primary: string | null;
  pfc_detailed: string | null;
  counterparty_type: string | null;
  transaction_code: string | null;
  pending: boolean;
  pending_transaction_id: string | null;
}

export interface TransactionRow extends NewTransaction {
  item_id: string;
  added_seq: string;
  modified_seq: string | null;
  removed_seq: string | null;
  change_seq: string;
}

export type ChangeKind = 'added' | 'modified' | 'removed';

const COLUMNS = `transaction_id, item_id, account_id, amount_cents, iso_currency_code, to_char(date, 'YYYY-MM-DD') AS date,
  to_char(authorized_date, 'YYYY-MM-DD') AS authorized_date, name, merchant_name, payment_channel, pfc_primary, pfc_detailed,
  counterparty_type, transaction_code, pending, pending_transaction_id, added_seq::text, modified_seq::text, removed_seq::text,
  change_seq::text`;

const toRow = (r: TransactionRow & { amount_cents: string | number }): TransactionRow => ({ ...r, amount_cents: centsFromDb(r.amount_cents) as number });

/** Takes n positions from the change sequence, in increasing order. */
async function takeSeqs(db: Db, n: number): Promise<string[]> {
  const { rows } = await db.query<{ s: string }>("SELECT nextval('plaid_sandbox.change_seq')::text AS s FROM generate_series(1, $1)", [n]);
  return rows.map((r) => r.s).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
}

/** Inserts in order (each row a new change, so a sync returns them in this order), raises the Item's last_change_seq. */
export async function insertTransactions(db: Db, itemId: string, txns: NewTransaction[]): Promise<void> {
  let maxSeq: string | undefined;
  for (const part of chunks(txns, 2000)) {
    const seqs = await takeSeqs(db, part.length);
    await db.query(
      `INSERT INTO plaid_sandbox.transactions (transaction_id, item_id, account_id, amount_cents, iso_currency_code, date,
         authorized_date, name, merchant_name, payment_channel, pfc_primary, pfc_detailed, counterparty_type, transaction_code,
         pending, pending_transaction_id, added_seq, change_seq)
       SELECT u.transaction_id, $1, u.account_id, u.amount_cents, u.iso_currency_code, u.date, u.authorized_date, u.name,
              u.merchant_name, u.payment_channel, u.pfc_primary, u.pfc_detailed, u.counterparty_type, u.transaction_code,
              u.pending, u.pending_transaction_id, u.seq, u.seq
         FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[], $6::date[], $7::date[], $8::text[], $9::text[], $10::text[],
                     $11::text[], $12::text[], $13::text[], $14::text[], $15::boolean[], $16::text[], $17::bigint[])
           AS u(transaction_id, account_id, amount_cents, iso_currency_code, date, authorized_date, name, merchant_name,
                payment_channel, pfc_primary, pfc_detailed, counterparty_type, transaction_code, pending, pending_transaction_id, seq)`,
      [
        itemId,
        part.map((t) => t.transaction_id),
        part.map((t) => t.account_id),
        part.map((t) => t.amount_cents),
        part.map((t) => t.iso_currency_code),
        part.map((t) => t.date),
        part.map((t) => t.authorized_date),
        part.map((t) => t.name),
        part.map((t) => t.merchant_name),
        part.map((t) => t.payment_channel),
        part.map((t) => t.pfc_primary),
        part.map((t) => t.pfc_detailed),
        part.map((t) => t.counterparty_type),
        part.map((t) => t.transaction_code),
        part.map((t) => t.pending),
        part.map((t) => t.pending_transaction_id),
        seqs,
      ],
    );
    maxSeq = seqs[seqs.length - 1];
  }
  if (maxSeq) await bumpChangeSeq(db, itemId, maxSeq);
}

export async function findTransaction(db: Db, transactionId: string, opts: { lock?: boolean } = {}): Promise<TransactionRow | undefined> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM plaid_sandbox.transactions WHERE transaction_id = $1${opts.lock ? ' FOR UPDATE' : ''}`, [transactionId]);
  return rows[0] && toRow(rows[0]);
}

/** Marks a transaction removed (it will come in `removed` to clients that had seen it). */
export async function removeTransaction(db: Db, itemId: string, transactionId: string): Promise<void> {
  const { rows } = await db.query<{ seq: string }>(
    `WITH s AS (SELECT nextval('plaid_sandbox.change_seq') AS seq)
     UPDATE plaid_sandbox.transactions t SET removed_seq = s.seq, change_seq = s.seq FROM s
      WHERE t.transaction_id = $1 AND t.removed_seq IS NULL RETURNING t.change_seq::text AS seq`,
    [transactionId],
  );
  if (rows[0]) await bumpChangeSeq(db, itemId, rows[0].seq);
}

/** Changes fields of a live transaction (it will come in `modified`). */
export async function modifyTransaction(db: Db, itemId: string, transactionId: string, change: { amount_cents?: number; name?: string; date?: string; merchant_name?: string | null }): Promise<void> {
  const { rows } = await db.query<{ seq: string }>(
    `WITH s AS (SELECT nextval('plaid_sandbox.change_seq') AS seq)
     UPDATE plaid_sandbox.transactions t SET
        amount_cents = COALESCE($2::bigint, t.amount_cents), name = COALESCE($3, t.name), date = COALESCE($4::date, t.date),
        merchant_name = CASE WHEN $5 THEN $6 ELSE t.merchant_name END,
        modified_seq = s.seq, change_seq = s.seq
       FROM s
      WHERE t.transaction_id = $1 AND t.removed_seq IS NULL RETURNING t.change_seq::text AS seq`,
    [transactionId, change.amount_cents ?? null, change.name ?? null, change.date ?? null, change.merchant_name !== undefined, change.merchant_name ?? null],
  );
  if (rows[0]) await bumpChangeSeq(db, itemId, rows[0].seq);
}

export interface SyncWindow {
  itemId: string;
  /** Changes after this position (exclusive)... */
  from: string;
  /** ...up to this one (inclusive), fixed for the whole pagination. */
  to: string;
  /** Position inside the window already returned (change_seq, transaction_id). */
  after: [string, string] | null;
  limit: number;
  accountId?: string;
}

/**
 * One page of changes in (from, to], classified against `from`: a row added after `from` is
 * `added` (or skipped if it was also removed since: the client never saw it); one added before
 * is `removed` or `modified`.
 */
export async function syncPage(db: Db, w: SyncWindow): Promise<{ row: TransactionRow; kind: ChangeKind }[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM plaid_sandbox.transactions
      WHERE item_id = $1 AND change_seq > $2::bigint AND change_seq <= $3::bigint
        AND NOT (removed_seq IS NOT NULL AND added_seq > $2::bigint)
        AND ($4::bigint IS NULL OR (change_seq, transaction_id) > ($4::bigint, $5::text))
        AND ($6::text IS NULL OR account_id = $6)
      ORDER BY change_seq, transaction_id
      LIMIT $7`,
    [w.itemId, w.from, w.to, w.after?.[0] ?? null, w.after?.[1] ?? null, w.accountId ?? null, w.limit],
  );
  const from = BigInt(w.from);
  return rows.map((r) => {
    const row = toRow(r);
    const kind: ChangeKind = BigInt(row.added_seq) > from ? 'added' : row.removed_seq !== null ? 'removed' : 'modified';
    return { row, kind };
  });
}

/** The account's latest live wage deposit (payroll a control adds joins that pay stream). */
export async function latestWageDeposit(db: Db, accountId: string): Promise<{ name: string; merchant_name: string | null } | undefined> {
  const { rows } = await db.query<{ name: string; merchant_name: string | null }>(
    `SELECT name, merchant_name FROM plaid_sandbox.transactions
      WHERE account_id = $1 AND pfc_detailed = 'INCOME_WAGES' AND removed_seq IS NULL ORDER BY date DESC, added_seq DESC LIMIT 1`,
    [accountId],
  );
  return rows[0];
}
