/** Transfer authorizations, transfers and their event log. */
import { centsFromDb } from '../money';
import type { Db } from './db';

export type TransferType = 'debit' | 'credit';
export type TransferStatus = 'pending' | 'posted' | 'settled' | 'funds_available' | 'cancelled' | 'failed' | 'returned';
export type Decision = 'approved' | 'declined' | 'user_action_required';

export interface TransferUser {
  legal_name: string;
  phone_number: string | null;
  email_address: string | null;
  address: { street: string | null; city: string | null; region: string | null; postal_code: string | null; country: string | null } | null;
}

export interface AuthorizationRow {
  authorization_id: string;
  item_id: string;
  account_id: string;
  type: TransferType;
  network: string;
  ach_class: string | null;
  amount_cents: number;
  iso_currency_code: string;
  user_info: TransferUser;
  decision: Decision;
  rationale_code: string | null;
  rationale_description: string | null;
  available_cents_seen: number | null;
  idempotency_key: string | null;
  created_at: Date;
  expires_at: Date;
}

export interface TransferRow {
  transfer_id: string;
  authorization_id: string;
  item_id: string;
  account_id: string;
  type: TransferType;
  network: string;
  ach_class: string | null;
  amount_cents: number;
  description: string;
  iso_currency_code: string;
  user_info: TransferUser;
  metadata: Record<string, string> | null;
  idempotency_key: string | null;
  status: TransferStatus;
  failure_code: string | null;
  failure_description: string | null;
  bank_transaction_id: string | null;
  created_at: Date;
  status_changed_at: Date;
  settled_at: Date | null;
}

export interface TransferEventRow {
  event_id: number;
  transfer_id: string;
  event_type: string;
  occurred_at: Date;
  failure_code: string | null;
  failure_description: string | null;
  // joined from the transfer
  account_id: string;
  type: TransferType;
  amount_cents: number;
}

const withCents = <T extends { amount_cents: unknown }>(r: T): T => ({ ...r, amount_cents: centsFromDb(r.amount_cents as string) });
const authorizationRow = (r: AuthorizationRow): AuthorizationRow => ({
  ...withCents(r),
  available_cents_seen: centsFromDb(r.available_cents_seen as unknown as string | null),
});

/** Inserts unless the idempotency key was used; returns the stored authorization either way. */
export async function insertAuthorization(db: Db, a: AuthorizationRow): Promise<AuthorizationRow> {
  const { rows } = await db.query<AuthorizationRow>(
    `INSERT INTO plaid_sandbox.transfer_authorizations (authorization_id, item_id, account_id, type, network, ach_class, amount_cents,
       iso_currency_code, user_info, decision, rationale_code, rationale_description, available_cents_seen, idempotency_key, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING *`,
    [
      a.authorization_id, a.item_id, a.account_id, a.type, a.network, a.ach_class, a.amount_cents, a.iso_currency_code, JSON.stringify(a.user_info),
      a.decision, a.rationale_code, a.rationale_description, a.available_cents_seen, a.idempotency_key, a.created_at, a.expires_at,
    ],
  );
  if (rows[0]) return authorizationRow(rows[0]);
  return (await findAuthorizationByKey(db, a.idempotency_key!))!;
}

export async function findAuthorizationByKey(db: Db, key: string): Promise<AuthorizationRow | undefined> {
  const { rows } = await db.query<AuthorizationRow>('SELECT * FROM plaid_sandbox.transfer_authorizations WHERE idempotency_key = $1', [key]);
  return rows[0] && authorizationRow(rows[0]);
}

export async function findAuthorization(db: Db, id: string): Promise<AuthorizationRow | undefined> {
  const { rows } = await db.query<AuthorizationRow>('SELECT * FROM plaid_sandbox.transfer_authorizations WHERE authorization_id = $1', [id]);
  return rows[0] && authorizationRow(rows[0]);
}

/** Inserts unless a transfer exists for the authorization (idempotent create); returns the stored one. */
export async function insertTransfer(db: Db, t: TransferRow): Promise<{ transfer: TransferRow; created: boolean }> {
  const { rows } = await db.query<TransferRow>(
    `INSERT INTO plaid_sandbox.transfers (transfer_id, authorization_id, item_id, account_id, type, network, ach_class, amount_cents, description,
       iso_currency_code, user_info, metadata, idempotency_key, status, created_at, status_changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'pending', $14, $14)
     ON CONFLICT (authorization_id) DO NOTHING RETURNING *`,
    [
      t.transfer_id, t.authorization_id, t.item_id, t.account_id, t.type, t.network, t.ach_class, t.amount_cents, t.description,
      t.iso_currency_code, JSON.stringify(t.user_info), t.metadata === null ? null : JSON.stringify(t.metadata), t.idempotency_key, t.created_at,
    ],
  );
  if (rows[0]) return { transfer: withCents(rows[0]), created: true };
  return { transfer: (await findTransferByAuthorization(db, t.authorization_id))!, created: false };
}

export async function findTransfer(db: Db, id: string, opts: { lock?: 'wait' | 'skip' } = {}): Promise<TransferRow | undefined> {
  const lock = opts.lock === 'wait' ? ' FOR UPDATE' : opts.lock === 'skip' ? ' FOR UPDATE SKIP LOCKED' : '';
  const { rows } = await db.query<TransferRow>(`SELECT * FROM plaid_sandbox.transfers WHERE transfer_id = $1${lock}`, [id]);
  return rows[0] && withCents(rows[0]);
}

export async function findTransferByAuthorization(db: Db, authorizationId: string): Promise<TransferRow | undefined> {
  const { rows } = await db.query<TransferRow>('SELECT * FROM plaid_sandbox.transfers WHERE authorization_id = $1', [authorizationId]);
  return rows[0] && withCents(rows[0]);
}

export async function updateTransferStatus(
  db: Db,
  id: string,
  change: { status: TransferStatus; at: Date; failureCode?: string | null; failureDescription?: string | null; bankTransactionId?: string | null; settledAt?: Date },
): Promise<void> {
  await db.query(
    `UPDATE plaid_sandbox.transfers SET status = $2, status_changed_at = $3,
        failure_code = COALESCE($4, failure_code), failure_description = COALESCE($5, failure_description),
        bank_transaction_id = COALESCE($6, bank_transaction_id), settled_at = COALESCE($7, settled_at)
      WHERE transfer_id = $1`,
    [id, change.status, change.at, change.failureCode ?? null, change.failureDescription ?? null, change.bankTransactionId ?? null, change.settledAt ?? null],
  );
}

const EVENT_LOCK = 0x706c6576; // "plev": serializes event inserts so ids commit in order

/**
 * Appends an event. Takes a transaction-scoped lock first: with inserts serialized, event ids
 * become visible in increasing order, so a reader paging by after_id never skips one.
 * Must run inside a transaction.
 */
export async function insertTransferEvent(db: Db, e: { transfer_id: string; event_type: string; occurred_at: Date; failure_code?: string | null; failure_description?: string | null }): Promise<number> {
  await db.query('SELECT pg_advisory_xact_lock($1)', [EVENT_LOCK]);
  const { rows } = await db.query<{ event_id: string }>(
    `INSERT INTO plaid_sandbox.transfer_events (transfer_id, event_type, occurred_at, failure_code, failure_description)
     VALUES ($1, $2, $3, $4, $5) RETURNING event_id::text`,
    [e.transfer_id, e.event_type, e.occurred_at, e.failure_code ?? null, e.failure_description ?? null],
  );
  return Number(rows[0].event_id);
}

const EVENT_COLUMNS = `e.event_id::int AS event_id, e.transfer_id, e.event_type, e.occurred_at, e.failure_code, e.failure_description,
  t.account_id, t.type, t.amount_cents`;

export async function eventsAfter(db: Db, afterId: number, limit: number): Promise<TransferEventRow[]> {
  const { rows } = await db.query<TransferEventRow>(
    `SELECT ${EVENT_COLUMNS} FROM plaid_sandbox.transfer_events e JOIN plaid_sandbox.transfers t USING (transfer_id)
      WHERE e.event_id > $1 ORDER BY e.event_id LIMIT $2`,
    [afterId, limit],
  );
  return rows.map(withCents);
}

export interface EventFilter {
  start?: Date | null;
  end?: Date | null;
  transferId?: string | null;
  accountId?: string | null;
  type?: TransferType | null;
  eventTypes?: string[] | null;
  limit: number;
  offset: number;
}

/** Most recent first, as Plaid's /transfer/event/list. */
export async function listEvents(db: Db, f: EventFilter): Promise<TransferEventRow[]> {
  const { rows } = await db.query<TransferEventRow>(
    `SELECT ${EVENT_COLUMNS} FROM plaid_sandbox.transfer_events e JOIN plaid_sandbox.transfers t USING (transfer_id)
      WHERE ($1::timestamptz IS NULL OR e.occurred_at >= $1) AND ($2::timestamptz IS NULL OR e.occurred_at <= $2)
        AND ($3::uuid IS NULL OR e.transfer_id = $3) AND ($4::text IS NULL OR t.account_id = $4) AND ($5::text IS NULL OR t.type = $5)
        AND ($6::text[] IS NULL OR e.event_type = ANY($6))
      ORDER BY e.event_id DESC LIMIT $7 OFFSET $8`,
    [f.start ?? null, f.end ?? null, f.transferId ?? null, f.accountId ?? null, f.type ?? null, f.eventTypes ?? null, f.limit, f.offset],
  );
  return rows.map(withCents);
}

/** Most recently created first, as Plaid's /transfer/list. */
export async function listTransfers(db: Db, f: { start?: Date | null; end?: Date | null; limit: number; offset: number }): Promise<TransferRow[]> {
  const { rows } = await db.query<TransferRow>(
    `SELECT * FROM plaid_sandbox.transfers
      WHERE ($1::timestamptz IS NULL OR created_at >= $1) AND ($2::timestamptz IS NULL OR created_at <= $2)
      ORDER BY created_at DESC, transfer_id LIMIT $3 OFFSET $4`,
    [f.start ?? null, f.end ?? null, f.limit, f.offset],
  );
  return rows.map(withCents);
}

/** Transfers still moving whose current status began before `before[status]`. */
export async function dueTransfers(db: Db, before: { pending: Date; posted: Date; settled: Date }, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ transfer_id: string }>(
    `SELECT transfer_id FROM plaid_sandbox.transfers
      WHERE status IN ('pending', 'posted', 'settled')
        AND ((status = 'pending' AND status_changed_at <= $1) OR (status = 'posted' AND status_changed_at <= $2)
          OR (status = 'settled' AND type = 'debit' AND status_changed_at <= $3))
      ORDER BY status_changed_at LIMIT $4`,
    [before.pending, before.posted, before.settled, limit],
  );
  return rows.map((r) => r.transfer_id);
}
