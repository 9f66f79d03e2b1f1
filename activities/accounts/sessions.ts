/**
 * Opaque bearer tokens for customers and staff. Only a SHA-256 of each token is stored, so the
 * table cannot be replayed if leaked; revocation is a row delete.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';

export type SubjectKind = 'customer' | 'staff';

export interface Session {
  subjectKind: SubjectKind;
  subjectId: string;
  role: string | null;
  expiresAt: Date;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  db: Pool | PoolClient,
  subjectKind: SubjectKind,
  subjectId: string,
  ttlSeconds: number,
  role: string | null = null,
): Promise<{ token: string; expiresAt: Date }> {
  // The prefix tells a leaked token's kind at a glance (and to secret scanners).
  const token = `${subjectKind === 'staff' ? 'tly_s_' : 'tly_c_'}${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  await db.query(
    'INSERT INTO accounts.sessions (token_hash, subject_kind, subject_id, role, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [hash(token), subjectKind, subjectId, role, expiresAt],
  );
  return { token, expiresAt };
}

export async function findSession(db: Pool, token: string): Promise<Session | undefined> {
  // A disabled staff member's sessions are deleted when they are disabled; the check here also
  // refuses one that a sign-in racing the disable created just after (both tables are this module's).
  const { rows } = await db.query(
    `SELECT subject_kind, subject_id, role, expires_at FROM accounts.sessions s
      WHERE token_hash = $1 AND expires_at > now()
        AND NOT (subject_kind = 'staff' AND EXISTS (SELECT 1 FROM accounts.staff st WHERE st.id = s.subject_id AND st.disabled_at IS NOT NULL))`,
    [hash(token)],
  );
  const r = rows[0];
  return r && { subjectKind: r.subject_kind, subjectId: r.subject_id, role: r.role, expiresAt: r.expires_at };
}

/** Signs a session out (the token stops working at once). True when a live session was removed. */
export async function revokeSession(db: Pool | PoolClient, token: string): Promise<boolean> {
  const r = await db.query('DELETE FROM accounts.sessions WHERE token_hash = $1', [hash(token)]);
  return (r.rowCount ?? 0) > 0;
}

/** Signs a subject out everywhere (staff disabled, TOTP reset). Returns how many sessions ended. */
export async function revokeSessionsOf(db: Pool | PoolClient, subjectKind: SubjectKind, subjectId: string): Promise<number> {
  const r = await db.query('DELETE FROM accounts.sessions WHERE subject_kind = $1 AND subject_id = $2', [subjectKind, subjectId]);
  return r.rowCount ?? 0;
}
