/** plaid_sandbox.accounts: balances in cents, as the sandbox bank holds them. */
import { centsFromDb } from '../money';
import { chunks, type Db } from './db';

export interface AccountRow {
  account_id: string;
  item_id: string;
  position: number;
  name: string;
  official_name: string | null;
  mask: string | null;
  type: string;
  subtype: string | null;
  available_cents: number | null;
  current_cents: number | null;
  limit_cents: number | null;
  iso_currency_code: string;
}

interface RawAccountRow extends Omit<AccountRow, 'available_cents' | 'current_cents' | 'limit_cents'> {
  available_cents: string | null;
  current_cents: string | null;
  limit_cents: string | null;
}

const toRow = (r: RawAccountRow): AccountRow => ({
  ...r,
  available_cents: centsFromDb(r.available_cents),
  current_cents: centsFromDb(r.current_cents),
  limit_cents: centsFromDb(r.limit_cents),
});

export async function insertAccounts(db: Db, accounts: AccountRow[]): Promise<void> {
  for (const part of chunks(accounts, 5000)) {
    await db.query(
      `INSERT INTO plaid_sandbox.accounts (account_id, item_id, position, name, official_name, mask, type, subtype,
         available_cents, current_cents, limit_cents, iso_currency_code)
       SELECT * FROM unnest($1::text[], $2::text[], $3::smallint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                            $9::bigint[], $10::bigint[], $11::bigint[], $12::text[])`,
      [
        part.map((a) => a.account_id),
        part.map((a) => a.item_id),
        part.map((a) => a.position),
        part.map((a) => a.name),
        part.map((a) => a.official_name),
        part.map((a) => a.mask),
        part.map((a) => a.type),
        part.map((a) => a.subtype),
        part.map((a) => a.available_cents),
        part.map((a) => a.current_cents),
        part.map((a) => a.limit_cents),
        part.map((a) => a.iso_currency_code),
      ],
    );
  }
}

export async function listAccounts(db: Db, itemId: string): Promise<AccountRow[]> {
  const { rows } = await db.query<RawAccountRow>('SELECT * FROM plaid_sandbox.accounts WHERE item_id = $1 ORDER BY position', [itemId]);
  return rows.map(toRow);
}

export async function findAccount(db: Db, accountId: string, opts: { lock?: boolean } = {}): Promise<AccountRow | undefined> {
  const { rows } = await db.query<RawAccountRow>(
    `SELECT * FROM plaid_sandbox.accounts WHERE account_id = $1${opts.lock ? ' FOR UPDATE' : ''}`,
    [accountId],
  );
  return rows[0] && toRow(rows[0]);
}

/** Sets the given balances (undefined = unchanged, null = no value). */
export async function setBalances(db: Db, accountId: string, b: { available?: number | null; current?: number | null; limit?: number | null }): Promise<void> {
  await db.query(
    `UPDATE plaid_sandbox.accounts SET
       available_cents = CASE WHEN $2 THEN $3::bigint ELSE available_cents END,
       current_cents   = CASE WHEN $4 THEN $5::bigint ELSE current_cents END,
       limit_cents     = CASE WHEN $6 THEN $7::bigint ELSE limit_cents END
     WHERE account_id = $1`,
    [accountId, b.available !== undefined, b.available ?? null, b.current !== undefined, b.current ?? null, b.limit !== undefined, b.limit ?? null],
  );
}

/**
 * Moves balances by deltas in cents: what a posted (current and available) or pending
 * (available only) entry does at a bank. A null balance stays null.
 */
export async function adjustBalances(db: Db, accountId: string, deltaCurrent: number, deltaAvailable: number): Promise<void> {
  await db.query(
    `UPDATE plaid_sandbox.accounts
        SET current_cents = current_cents + $2::bigint, available_cents = available_cents + $3::bigint
      WHERE account_id = $1`,
    [accountId, deltaCurrent, deltaAvailable],
  );
}

/** account ids of many Items in one query (bulk listing). */
export async function accountIdsByItem(db: Db, itemIds: string[]): Promise<Map<string, string[]>> {
  const { rows } = await db.query<{ item_id: string; ids: string[] }>(
    'SELECT item_id, array_agg(account_id ORDER BY position) AS ids FROM plaid_sandbox.accounts WHERE item_id = ANY($1) GROUP BY item_id',
    [itemIds],
  );
  return new Map(rows.map((r) => [r.item_id, r.ids]));
}
