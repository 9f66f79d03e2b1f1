/** Link tokens and public tokens: short-lived handles of the Link handshake. */
import type { Db } from './db';

export interface LinkTokenRow {
  link_token: string;
  request: Record<string, unknown>;
  webhook: string | null;
  products: string[];
  access_token: string | null;
  created_at: Date;
  expires_at: Date;
}

export async function insertLinkToken(db: Db, t: LinkTokenRow): Promise<void> {
  await db.query(
    `INSERT INTO plaid_sandbox.link_tokens (link_token, request, webhook, products, access_token, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [t.link_token, JSON.stringify(t.request), t.webhook, t.products, t.access_token, t.created_at, t.expires_at],
  );
}

export async function findLinkToken(db: Db, linkToken: string): Promise<LinkTokenRow | undefined> {
  const { rows } = await db.query<LinkTokenRow>('SELECT * FROM plaid_sandbox.link_tokens WHERE link_token = $1', [linkToken]);
  return rows[0];
}

export interface PublicTokenRow {
  public_token: string;
  item_id: string;
  created_at: Date;
  expires_at: Date;
  exchanged_at: Date | null;
}

export async function insertPublicToken(db: Db, t: Omit<PublicTokenRow, 'exchanged_at'>): Promise<void> {
  await db.query('INSERT INTO plaid_sandbox.public_tokens (public_token, item_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    t.public_token,
    t.item_id,
    t.created_at,
    t.expires_at,
  ]);
}

export async function findPublicToken(db: Db, publicToken: string): Promise<PublicTokenRow | undefined> {
  const { rows } = await db.query<PublicTokenRow>('SELECT * FROM plaid_sandbox.public_tokens WHERE public_token = $1', [publicToken]);
  return rows[0];
}

export async function markExchanged(db: Db, publicToken: string, at: Date): Promise<void> {
  await db.query('UPDATE plaid_sandbox.public_tokens SET exchanged_at = COALESCE(exchanged_at, $2) WHERE public_token = $1', [publicToken, at]);
}
