/** The bank schema's reads and writes. Access tokens enter and leave here only encrypted/decrypted on demand. */
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { AccountBase } from 'plaid';
import { nullableCents } from './plaid-money';

export type ItemStatus = 'active' | 'login_required' | 'removed';

export interface ItemRow {
  id: string;
  accountId: string;
  plaidItemId: string;
  accessTokenEnc: string;
  institutionId: string | null;
  institutionName: string | null;
  status: ItemStatus;
  statusReason: string | null;
  /** When the customer linked this bank. */
  linkedAt: string;
  syncCursor: string | null;
}

export interface BankAccountRow {
  id: string;
  name: string;
  officialName: string | null;
  mask: string | null;
  type: string;
  subtype: string | null;
  currentCents: number | null;
  availableCents: number | null;
  isoCurrencyCode: string | null;
  balancesAt: string | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const toItem = (r: any): ItemRow => ({
  id: r.id,
  accountId: r.account_id,
  plaidItemId: r.plaid_item_id,
  accessTokenEnc: r.access_token_enc,
  institutionId: r.institution_id,
  institutionName: r.institution_name,
  status: r.status,
  statusReason: r.status_reason,
  linkedAt: r.created_at.toISOString(),
  syncCursor: r.sync_cursor,
});

/** The customer's live item (active or needing login), if any. */
export async function liveItemOf(db: Pool | PoolClient, accountId: string): Promise<ItemRow | undefined> {
  const { rows } = await db.query(`SELECT * FROM bank.items WHERE account_id = $1 AND status <> 'removed'`, [accountId]);
  return rows[0] && toItem(rows[0]);
}

export async function itemByPlaidId(db: Pool | PoolClient, plaidItemId: string): Promise<ItemRow | undefined> {
  const { rows } = await db.query('SELECT * FROM bank.items WHERE plaid_item_id = $1', [plaidItemId]);
  return rows[0] && toItem(rows[0]);
}

export async function insertItem(
  c: PoolClient,
  input: { accountId: string; plaidItemId: string; accessTokenEnc: string; institutionId: string | null; institutionName: string | null },
): Promise<string> {
  const id = randomUUID();
  await c.query(
    `INSERT INTO bank.items (id, account_id, plaid_item_id, access_token_enc, institution_id, institution_name, status)
     VALUES ($1, $2, $3, $4, $5, $6, 'active')`,
    [id, input.accountId, input.plaidItemId, input.accessTokenEnc, input.institutionId, input.institutionName],
  );
  return id;
}

/** Upserts accounts with their balances as Plaid reported them. */
/**
 * Stores the accounts (and balances) Plaid returned for an item in ONE statement (one commit, not
 * one per account), and answers all of the item's accounts as they now stand, in accountsOfItem's
 * order: a real-time balance call reads the balance it just kept without asking again.
 */
export async function upsertAccounts(db: Pool | PoolClient, itemId: string, accounts: AccountBase[]): Promise<BankAccountRow[]> {
  const rows = [...new Map(accounts.map((a) => [a.account_id, a])).values()].map((a) => ({
    plaid_account_id: a.account_id,
    name: a.name,
    official_name: a.official_name ?? null,
    mask: a.mask ?? null,
    type: a.type,
    subtype: a.subtype ?? null,
    current_cents: nullableCents(a.balances.current),
    available_cents: nullableCents(a.balances.available),
    limit_cents: nullableCents(a.balances.limit),
    iso_currency_code: a.balances.iso_currency_code ?? null,
  }));
  const { rows: stored } = await db.query(
    `WITH up AS (
       INSERT INTO bank.accounts (plaid_account_id, item_id, name, official_name, mask, type, subtype,
         current_cents, available_cents, limit_cents, iso_currency_code, balances_at)
       SELECT r.plaid_account_id, $1, r.name, r.official_name, r.mask, r.type, r.subtype, r.current_cents, r.available_cents, r.limit_cents, r.iso_currency_code, now()
       FROM jsonb_to_recordset($2::jsonb) AS r(plaid_account_id text, name text, official_name text, mask text, type text, subtype text,
         current_cents bigint, available_cents bigint, limit_cents bigint, iso_currency_code text)
       ON CONFLICT (plaid_account_id) DO UPDATE SET name = EXCLUDED.name, official_name = EXCLUDED.official_name,
         mask = EXCLUDED.mask, type = EXCLUDED.type, subtype = EXCLUDED.subtype, current_cents = EXCLUDED.current_cents,
         available_cents = EXCLUDED.available_cents, limit_cents = EXCLUDED.limit_cents,
         iso_currency_code = EXCLUDED.iso_currency_code, balances_at = now()
       RETURNING *)
     -- The statement's snapshot does not see its own upsert: the item's other accounts come from the table.
     SELECT * FROM (SELECT * FROM up UNION ALL SELECT * FROM bank.accounts WHERE item_id = $1 AND plaid_account_id NOT IN (SELECT plaid_account_id FROM up)) a
     ORDER BY type, name, plaid_account_id`,
    [itemId, JSON.stringify(rows)],
  );
  return stored.map(toBankAccountRow);
}

export async function accountsOfItem(db: Pool | PoolClient, itemId: string): Promise<BankAccountRow[]> {
  const { rows } = await db.query('SELECT * FROM bank.accounts WHERE item_id = $1 ORDER BY type, name, plaid_account_id', [itemId]);
  return rows.map(toBankAccountRow);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const toBankAccountRow = (r: any): BankAccountRow => ({
  id: r.plaid_account_id,
  name: r.name,
  officialName: r.official_name,
  mask: r.mask,
  type: r.type,
  subtype: r.subtype,
  currentCents: r.current_cents === null ? null : Number(r.current_cents),
  availableCents: r.available_cents === null ? null : Number(r.available_cents),
  isoCurrencyCode: r.iso_currency_code,
  balancesAt: r.balances_at?.toISOString() ?? null,
});

export async function setItemStatus(db: Pool | PoolClient, itemId: string, status: ItemStatus, reason: string | null): Promise<void> {
  await db.query(
    `UPDATE bank.items SET status = $2, status_reason = $3, updated_at = now(), removed_at = CASE WHEN $2 = 'removed' THEN now() ELSE removed_at END WHERE id = $1`,
    [itemId, status, reason],
  );
}
