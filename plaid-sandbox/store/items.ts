/** plaid_sandbox.items: one row per Item (a login at an institution). */
import type { Owner } from '../scenarios/types';
import { chunks, type Db } from './db';

export interface ItemRow {
  item_id: string;
  access_token: string;
  institution_id: string;
  institution_name: string;
  webhook: string | null;
  products: string[];
  username: string;
  scenario: string;
  seed: string;
  owners: Owner[];
  error_code: string | null;
  history_state: 'pending' | 'ready';
  history_anchor: string;
  last_change_seq: string;
  last_webhook_code: string | null;
  last_webhook_at: Date | null;
  batch_id: string | null;
  /** The Link token's user.client_user_id (Timely's account id) when Link completed through the sandbox. */
  client_user_id: string | null;
  created_at: Date;
  removed_at: Date | null;
}

export type NewItem = Omit<ItemRow, 'last_change_seq' | 'last_webhook_code' | 'last_webhook_at' | 'removed_at'>;

const COLUMNS = `item_id, access_token, institution_id, institution_name, webhook, products, username, scenario, seed,
  owners, error_code, history_state, to_char(history_anchor, 'YYYY-MM-DD') AS history_anchor, last_change_seq::text,
  last_webhook_code, last_webhook_at, batch_id, client_user_id, created_at, removed_at`;

export async function insertItems(db: Db, items: NewItem[]): Promise<void> {
  for (const part of chunks(items, 5000)) {
    await db.query(
      `INSERT INTO plaid_sandbox.items (item_id, access_token, institution_id, institution_name, webhook, products, username,
         scenario, seed, owners, error_code, history_state, history_anchor, batch_id, client_user_id, created_at)
       SELECT u.item_id, u.access_token, u.institution_id, u.institution_name, u.webhook, string_to_array(u.products, ','),
              u.username, u.scenario, u.seed, u.owners, u.error_code, u.history_state, u.history_anchor, u.batch_id, u.client_user_id, u.created_at
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                     $10::jsonb[], $11::text[], $12::text[], $13::date[], $14::text[], $15::text[], $16::timestamptz[])
           AS u(item_id, access_token, institution_id, institution_name, webhook, products, username, scenario, seed, owners,
                error_code, history_state, history_anchor, batch_id, client_user_id, created_at)`,
      [
        part.map((i) => i.item_id),
        part.map((i) => i.access_token),
        part.map((i) => i.institution_id),
        part.map((i) => i.institution_name),
        part.map((i) => i.webhook),
        part.map((i) => i.products.join(',')),
        part.map((i) => i.username),
        part.map((i) => i.scenario),
        part.map((i) => i.seed),
        part.map((i) => JSON.stringify(i.owners)),
        part.map((i) => i.error_code),
        part.map((i) => i.history_state),
        part.map((i) => i.history_anchor),
        part.map((i) => i.batch_id),
        part.map((i) => i.client_user_id),
        part.map((i) => i.created_at),
      ],
    );
  }
}

export async function findItemByAccessToken(db: Db, accessToken: string): Promise<ItemRow | undefined> {
  const { rows } = await db.query<ItemRow>(`SELECT ${COLUMNS} FROM plaid_sandbox.items WHERE access_token = $1`, [accessToken]);
  return rows[0];
}

export async function findItem(db: Db, itemId: string, opts: { lock?: boolean } = {}): Promise<ItemRow | undefined> {
  const { rows } = await db.query<ItemRow>(
    `SELECT ${COLUMNS} FROM plaid_sandbox.items WHERE item_id = $1${opts.lock ? ' FOR UPDATE' : ''}`,
    [itemId],
  );
  return rows[0];
}

export async function setItemError(db: Db, itemId: string, errorCode: string | null): Promise<void> {
  await db.query('UPDATE plaid_sandbox.items SET error_code = $2 WHERE item_id = $1', [itemId, errorCode]);
}

export async function setItemOwners(db: Db, itemId: string, owners: Owner[]): Promise<void> {
  await db.query('UPDATE plaid_sandbox.items SET owners = $2 WHERE item_id = $1', [itemId, JSON.stringify(owners)]);
}

export async function markItemRemoved(db: Db, itemId: string, at: Date): Promise<void> {
  await db.query('UPDATE plaid_sandbox.items SET removed_at = $2 WHERE item_id = $1 AND removed_at IS NULL', [itemId, at]);
}

export async function markHistoryReady(db: Db, itemId: string): Promise<void> {
  await db.query(`UPDATE plaid_sandbox.items SET history_state = 'ready' WHERE item_id = $1`, [itemId]);
}

/** Records that the item's transactions changed up to `seq` (monotonic). */
export async function bumpChangeSeq(db: Db, itemId: string, seq: string): Promise<void> {
  await db.query('UPDATE plaid_sandbox.items SET last_change_seq = GREATEST(last_change_seq, $2::bigint) WHERE item_id = $1', [itemId, seq]);
}

export async function recordItemWebhook(db: Db, itemId: string, code: string, at: Date): Promise<void> {
  await db.query('UPDATE plaid_sandbox.items SET last_webhook_code = $2, last_webhook_at = $3 WHERE item_id = $1', [itemId, code, at]);
}

/** Items of a bulk batch, in pages, for a benchmark to collect access tokens. */
export async function listBatchItems(db: Db, batchId: string, after: string | null, limit: number): Promise<ItemRow[]> {
  const { rows } = await db.query<ItemRow>(
    `SELECT ${COLUMNS} FROM plaid_sandbox.items
      WHERE batch_id = $1 AND ($2::text IS NULL OR item_id > $2) ORDER BY item_id LIMIT $3`,
    [batchId, after, limit],
  );
  return rows;
}

/** A customer's live Items (Link completed with their client_user_id), newest first. */
export async function listItemsByClientUser(db: Db, clientUserId: string): Promise<ItemRow[]> {
  const { rows } = await db.query<ItemRow>(
    `SELECT ${COLUMNS} FROM plaid_sandbox.items
      WHERE client_user_id = $1 AND removed_at IS NULL ORDER BY created_at DESC, item_id`,
    [clientUserId],
  );
  return rows;
}

/** The live Item holding an account. */
export async function findItemByAccount(db: Db, accountId: string): Promise<ItemRow | undefined> {
  const { rows } = await db.query<ItemRow>(
    `SELECT ${COLUMNS} FROM plaid_sandbox.items
      WHERE item_id = (SELECT item_id FROM plaid_sandbox.accounts WHERE account_id = $1) AND removed_at IS NULL`,
    [accountId],
  );
  return rows[0];
}
