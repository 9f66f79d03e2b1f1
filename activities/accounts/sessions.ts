/**
 * Opaque bearer tokens for customers and staff. Only a SHA-256 of each token is stored, so the
 * table cannot be replayed if leaked; revocation is a row delete.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { logger } from '../../platform/logger';

export type SubjectKind = 'customer' | 'staff';

export interface Session {
  /** Public id (devices list, sign out of one); the token itself is never stored. */
  id: string;
  subjectKind: SubjectKind;
  subjectId: string;
  role: string | null;
  expiresAt: Date;
  /** When this session last showed a second factor (sign-in or step-up); null = never. */
  secondFactorAt: Date | null;
}

/** A customer's signed-in device, as the devices list shows it. */
export interface DeviceSession {
  id: string;
  device: string | null;
  createdAt: string;
  lastUsedAt: string;
}

// last_used_at is written at most once a minute per session: a devices list needs no finer
// grain, and a write on every request would double the cost of a read.
const TOUCH_EVERY_SECONDS = 60;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  db: Pool | PoolClient,
  subjectKind: SubjectKind,
  subjectId: string,
  ttlSeconds: number,
  role: string | null = null,
  opts: { device?: string | null; secondFactorAt?: Date | null } = {},
): Promise<{ token: string; expiresAt: Date; id: string }> {
  // The prefix tells a leaked token's kind at a glance (and to secret scanners).
  const token = `${subjectKind === 'staff' ? 'tly_s_' : 'tly_c_'}${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  const { rows } = await db.query(
    `INSERT INTO accounts.sessions (token_hash, subject_kind, subject_id, role, expires_at, device, second_factor_at, last_used_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now()) RETURNING id`,
    [hash(token), subjectKind, subjectId, role, expiresAt, opts.device ?? null, opts.secondFactorAt ?? null],
  );
  return { token, expiresAt, id: rows[0].id };
}

export async function findSession(db: Pool, token: string): Promise<Session | undefined> {
  // A disabled staff member's sessions are deleted when they are disabled; the check here also
  // refuses one that a sign-in racing the disable created just after (both tables are this module's).
  // Named: every authenticated request runs it, so each connection prepares it once.
  const { rows } = await db.query({
    name: 'find-session',
    text: `SELECT id, subject_kind, subject_id, role, expires_at, second_factor_at,
            last_used_at IS NULL OR last_used_at < now() - make_interval(secs => ${TOUCH_EVERY_SECONDS}) AS stale
       FROM accounts.sessions s
      WHERE token_hash = $1 AND expires_at > now()
        AND NOT (subject_kind = 'staff' AND EXISTS (SELECT 1 FROM accounts.staff st WHERE st.id = s.subject_id AND st.disabled_at IS NOT NULL))`,
    values: [hash(token)],
  });
  const r = rows[0];
  if (!r) return undefined;
  // Not awaited: the request needs the session, not the devices list's "last used". A write waits
  // for its commit to reach the disk, and under load that wait held requests behind one another
  // (GET /v1/me's p95 in `npm run bench -- reads`). A lost touch only leaves "last used" a minute old.
  if (r.stale) touchSession(db, hash(token)).catch((err) => logger.warn({ err, sessionId: r.id }, 'could not record when a session was last used'));
  return { id: r.id, subjectKind: r.subject_kind, subjectId: r.subject_id, role: r.role, expiresAt: r.expires_at, secondFactorAt: r.second_factor_at };
}

/**
 * Records a session's last use without waiting for the disk: a touch lost in a crash only leaves
 * "last used" a minute older, and waiting for each commit's flush held a pool connection (and the
 * reads queued behind it) at every session's first request of the minute. One round trip: both
 * statements go as one query string (PostgreSQL runs it as one implicit transaction, so SET LOCAL
 * ends with it, error or not), which takes no parameters: the hash is inlined, and it is only ever
 * our own hex digest.
 */
async function touchSession(db: Pool, tokenHash: string): Promise<void> {
  if (!/^[0-9a-f]{64}$/.test(tokenHash)) throw new Error('a session token hash is 64 hex digits');
  await db.query(`SET LOCAL synchronous_commit TO OFF; UPDATE accounts.sessions SET last_used_at = now() WHERE token_hash = '${tokenHash}'`);
}

/** Step-up: this session showed a second factor now. */
export async function markSecondFactor(db: Pool | PoolClient, sessionId: string): Promise<void> {
  await db.query('UPDATE accounts.sessions SET second_factor_at = now() WHERE id = $1', [sessionId]);
}

/** A customer's live sessions, most recently used first. */
export async function listDeviceSessions(db: Pool, accountId: string): Promise<DeviceSession[]> {
  const { rows } = await db.query(
    `SELECT id, device, created_at, coalesce(last_used_at, created_at) AS last_used_at FROM accounts.sessions
      WHERE subject_kind = 'customer' AND subject_id = $1 AND expires_at > now() ORDER BY last_used_at DESC NULLS LAST, created_at DESC`,
    [accountId],
  );
  return rows.map((r) => ({ id: r.id, device: r.device, createdAt: r.created_at.toISOString(), lastUsedAt: r.last_used_at.toISOString() }));
}

/** Signs out one of a customer's sessions by its public id; false when it is not theirs (or gone). */
export async function revokeDeviceSession(db: Pool | PoolClient, accountId: string, sessionId: string): Promise<boolean> {
  const r = await db.query(`DELETE FROM accounts.sessions WHERE id = $1 AND subject_kind = 'customer' AND subject_id = $2`, [sessionId, accountId]);
  return (r.rowCount ?? 0) > 0;
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
