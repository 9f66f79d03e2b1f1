/**
 * The accounts module's customer records. Every change writes an event row in the same
 * transaction (who, what, when), so history can always be explained.
 */
import { isPgTimestamptzText, isUuidText } from '../../db/cursor-time';
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { isUniqueViolation, withTransaction } from '../../db/pool';
import { DomainError } from '../../platform/errors';

export type AccountStatus = 'pending_verification' | 'active' | 'suspended' | 'closed';

export interface Account {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  status: AccountStatus;
  /** The customer's own low-balance threshold; null = the configured default. */
  lowBalanceThresholdCents: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface AccountEvent {
  id: string;
  type: string;
  actor: string;
  data: Record<string, unknown>;
  at: string;
}

/** The columns toAccount reads (also for a query that reads an account beside something else). */
export const ACCOUNT_COLUMNS = 'id, email, first_name, last_name, phone, status, low_balance_threshold_cents, created_at, updated_at';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function toAccount(r: any): Account {
  return {
    id: r.id,
    email: r.email,
    firstName: r.first_name,
    lastName: r.last_name,
    phone: r.phone,
    status: r.status,
    lowBalanceThresholdCents: r.low_balance_threshold_cents === null ? null : Number(r.low_balance_threshold_cents),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

function takenError(err: unknown): DomainError | undefined {
  if (isUniqueViolation(err, 'accounts_email_key')) return new DomainError('conflict', 'email-taken', 'An account with this email already exists.', 'email');
  if (isUniqueViolation(err, 'accounts_phone_key')) return new DomainError('conflict', 'phone-taken', 'An account with this phone number already exists.', 'phone');
  return undefined;
}

export async function recordEvent(db: Pool | PoolClient, accountId: string, type: string, actor: string, data: Record<string, unknown> = {}): Promise<void> {
  await db.query('INSERT INTO accounts.events (account_id, type, actor, data) VALUES ($1, $2, $3, $4)', [accountId, type, actor, data]);
}

export async function createAccount(pool: Pool, input: { email: string; firstName: string; lastName: string; phone: string }): Promise<Account> {
  const id = randomUUID();
  try {
    return await withTransaction(async (c) => {
      const { rows } = await c.query(
        `INSERT INTO accounts.accounts (id, email, first_name, last_name, phone, status)
         VALUES ($1, $2, $3, $4, $5, 'pending_verification') RETURNING ${ACCOUNT_COLUMNS}`,
        [id, input.email, input.firstName, input.lastName, input.phone],
      );
      await recordEvent(c, id, 'account.created', `customer:${id}`, { email: input.email, phone: input.phone });
      return toAccount(rows[0]);
    }, pool);
  } catch (err) {
    throw takenError(err) ?? err;
  }
}

export async function getAccount(db: Pool | PoolClient, id: string): Promise<Account | undefined> {
  const { rows } = await db.query(`SELECT ${ACCOUNT_COLUMNS} FROM accounts.accounts WHERE id = $1`, [id]);
  return rows[0] && toAccount(rows[0]);
}

export async function findAccountIdByPhone(db: Pool | PoolClient, phone: string): Promise<string | undefined> {
  const { rows } = await db.query('SELECT id FROM accounts.accounts WHERE phone = $1', [phone]);
  return rows[0]?.id;
}

/** Moves a pending account to active on its first verified sign-in; a no-op afterwards. */
export async function activateOnFirstVerification(c: PoolClient, id: string): Promise<void> {
  const { rowCount } = await c.query(
    `UPDATE accounts.accounts SET status = 'active', updated_at = now() WHERE id = $1 AND status = 'pending_verification'`,
    [id],
  );
  if (rowCount) await recordEvent(c, id, 'account.verified', `customer:${id}`);
}

export type AccountPatch = Partial<Pick<Account, 'firstName' | 'lastName' | 'email' | 'lowBalanceThresholdCents'>>;

export async function updateAccount(pool: Pool, id: string, patch: AccountPatch, actor: string): Promise<Account> {
  const map = { firstName: 'first_name', lastName: 'last_name', email: 'email', lowBalanceThresholdCents: 'low_balance_threshold_cents' } as const;
  const entries = (Object.keys(map) as (keyof typeof map)[]).filter((k) => patch[k] !== undefined);
  try {
    return await withTransaction(async (c) => {
      const before = await c.query(`SELECT ${ACCOUNT_COLUMNS} FROM accounts.accounts WHERE id = $1 FOR UPDATE`, [id]);
      if (!before.rows[0]) throw new DomainError('not_found', 'account-not-found', 'No such account.');
      if (entries.length === 0) return toAccount(before.rows[0]);
      const sets = entries.map((k, i) => `${map[k]} = $${i + 2}`).join(', ');
      const { rows } = await c.query(`UPDATE accounts.accounts SET ${sets}, updated_at = now() WHERE id = $1 RETURNING ${ACCOUNT_COLUMNS}`, [
        id,
        ...entries.map((k) => patch[k]),
      ]);
      const prev = toAccount(before.rows[0]);
      const changes = Object.fromEntries(entries.map((k) => [k, { from: prev[k], to: patch[k] }]));
      await recordEvent(c, id, 'account.updated', actor, { changes });
      return toAccount(rows[0]);
    }, pool);
  } catch (err) {
    throw takenError(err) ?? err;
  }
}

export interface AccountPage {
  items: Account[];
  nextCursor: string | null;
}

/** Newest first, keyset-paged (stable under inserts), optional search by name, email or phone. */
export async function listAccounts(pool: Pool, opts: { limit: number; cursor?: string; q?: string }): Promise<AccountPage> {
  const where: string[] = [];
  const args: unknown[] = [];
  if (opts.cursor) {
    const c = decodeCursor(opts.cursor);
    args.push(c.createdAt, c.id);
    where.push(`(created_at, id) < ($${args.length - 1}::timestamptz, $${args.length}::uuid)`);
  }
  if (opts.q) {
    args.push(`%${opts.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    const p = `$${args.length}`;
    // A phone as people type it ("(415) 555-0100"): its digits against the stored E.164 number.
    const digits = opts.q.replace(/\D/g, '');
    const byDigits = digits.length >= 3 ? ` OR phone LIKE $${args.push(`%${digits}%`)}` : '';
    where.push(`(first_name || ' ' || last_name ILIKE ${p} OR email ILIKE ${p} OR phone LIKE ${p}${byDigits})`);
  }
  args.push(opts.limit + 1);
  const { rows } = await pool.query(
    `SELECT ${ACCOUNT_COLUMNS}, created_at::text AS cursor_t FROM accounts.accounts ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY created_at DESC, id DESC LIMIT $${args.length}`,
    args,
  );
  const items = rows.slice(0, opts.limit).map(toAccount);
  const last = rows.length > opts.limit ? rows[opts.limit - 1] : undefined;
  return { items, nextCursor: last ? encodeCursor(last.cursor_t, last.id) : null };
}

function encodeCursor(createdAtText: string, id: string): string {
  // Postgres' own text form keeps microseconds (a JS Date would not): two accounts can share a millisecond.
  return Buffer.from(JSON.stringify({ t: createdAtText, id })).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!isPgTimestamptzText(v?.t) || !isUuidText(v.id)) throw new Error('shape');
    return { createdAt: v.t, id: v.id };
  } catch {
    throw new DomainError('invalid', 'validation-error', 'The cursor is not one this API returned.', 'query.cursor');
  }
}

export async function listEvents(pool: Pool, accountId: string): Promise<AccountEvent[]> {
  const { rows } = await pool.query('SELECT id, type, actor, data, at FROM accounts.events WHERE account_id = $1 ORDER BY id', [accountId]);
  return rows.map((r) => ({ id: String(r.id), type: r.type, actor: r.actor, data: r.data, at: r.at.toISOString() }));
}

/** Names of many accounts by id (for staff lists that show the customer beside other modules' rows). */
export async function accountNames(db: Pool | PoolClient, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query('SELECT id, first_name, last_name FROM accounts.accounts WHERE id = ANY($1::uuid[])', [ids]);
  return new Map(rows.map((r) => [r.id as string, `${r.first_name} ${r.last_name}`]));
}
