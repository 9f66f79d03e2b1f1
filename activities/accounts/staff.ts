/**
 * Staff users: two factors at sign-in (a scrypt-hashed password and a TOTP code). A TOTP code is
 * accepted once: the last used time step is stored, so a shoulder-surfed code cannot be replayed.
 * Operators manage staff (create, disable, reset a TOTP); every change is a staff event with its
 * actor. Creating is one function with one input schema, used by the API and `npm run staff`.
 */
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import { isUniqueViolation, withTransaction } from '../../db/pool';
import { DomainError } from '../../platform/errors';
import { text } from '../../platform/text-field';
import { hashPassword, verifyPassword } from './password';
import { revokeSessionsOf } from './sessions';
import { newTotpEnrolment, totpFor, totpStep, type TotpEnrolment } from './totp';

export { currentTotp, type TotpEnrolment } from './totp';

export type StaffRole = 'support' | 'operator';
export const STAFF_ROLES: readonly StaffRole[] = ['support', 'operator'];

/** What creating a staff member takes, from the API or the CLI (same rules for both). */
export const NewStaffInput = z.strictObject({
  email: text({ max: 254 }).pipe(z.email('must be a valid email address')).transform((e) => e.toLowerCase()),
  // Upper bound: scrypt of an arbitrarily long string is wasted work on our side.
  password: z.string().min(12, 'must be at least 12 characters').max(1024, 'must be at most 1024 characters'),
  role: z.enum(['support', 'operator'], { message: `must be one of ${STAFF_ROLES.join(', ')}` }),
});
export type NewStaff = z.output<typeof NewStaffInput>;

/** Who changed a staff member: `staff:<id>` (an operator through the API) or `system:staff-cli`. */
export type StaffActor = string;
export const CLI_ACTOR: StaffActor = 'system:staff-cli';

/** A staff member as operators see them: never the password hash or TOTP secret. */
export interface StaffMember {
  id: string;
  email: string;
  role: StaffRole;
  createdAt: string;
  disabledAt: string | null;
  totpEnrolled: boolean;
}

export interface CreatedStaff {
  id: string;
  email: string;
  role: StaffRole;
  totpSecret: string;
  otpauthUrl: string;
  member: StaffMember;
}

const MEMBER_COLUMNS = 'id, email, role, created_at, disabled_at, totp_enrolled_at';
const memberOf = (r: Record<string, any>): StaffMember => ({
  id: r.id,
  email: r.email,
  role: r.role,
  createdAt: r.created_at.toISOString(),
  disabledAt: r.disabled_at ? r.disabled_at.toISOString() : null,
  totpEnrolled: r.totp_enrolled_at !== null,
});

const newEnrolment = newTotpEnrolment;

async function recordEvent(c: Pool | PoolClient, staffId: string, type: string, actor: StaffActor | null, data: Record<string, unknown> = {}): Promise<void> {
  await c.query('INSERT INTO accounts.staff_events (staff_id, type, actor, data) VALUES ($1, $2, $3, $4)', [staffId, type, actor, data]);
}

export async function createStaff(pool: Pool, input: NewStaff, actor: StaffActor = CLI_ACTOR): Promise<CreatedStaff> {
  const id = randomUUID();
  const totp = newEnrolment(input.email);
  const passwordHash = await hashPassword(input.password);
  let member: StaffMember;
  try {
    member = await withTransaction(async (c) => {
      const { rows } = await c.query(
        `INSERT INTO accounts.staff (id, email, password_hash, totp_secret, role) VALUES ($1, $2, $3, $4, $5) RETURNING ${MEMBER_COLUMNS}`,
        [id, input.email, passwordHash, totp.secret, input.role],
      );
      await recordEvent(c, id, 'staff.created', actor, { role: input.role });
      return memberOf(rows[0]);
    }, pool);
  } catch (err) {
    if (isUniqueViolation(err, 'staff_email_key')) throw new DomainError('conflict', 'email-taken', 'A staff user with this email already exists.', 'email');
    throw err;
  }
  return { id, email: input.email, role: input.role, totpSecret: totp.secret, otpauthUrl: totp.otpauthUrl, member };
}

/** Every staff member, oldest first (a short list: staff, not customers). */
export async function listStaff(pool: Pool): Promise<StaffMember[]> {
  const { rows } = await pool.query(`SELECT ${MEMBER_COLUMNS} FROM accounts.staff ORDER BY created_at, id`);
  return rows.map(memberOf);
}

const NOT_FOUND = () => new DomainError('not_found', 'not-found', 'No staff member with this id.');

/** The member's row, locked for the change in this transaction. */
async function lockMember(c: PoolClient, id: string): Promise<Record<string, any>> {
  const { rows } = await c.query(`SELECT ${MEMBER_COLUMNS} FROM accounts.staff WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows[0]) throw NOT_FOUND();
  return rows[0];
}

/**
 * Disables a member and ends all their sessions at once. Disabling again changes nothing (and
 * records nothing), so a repeated click is harmless.
 */
export async function disableStaff(pool: Pool, id: string, actor: StaffActor): Promise<StaffMember> {
  return withTransaction(async (c) => {
    const row = await lockMember(c, id);
    if (row.disabled_at) return memberOf(row);
    const { rows } = await c.query(`UPDATE accounts.staff SET disabled_at = now() WHERE id = $1 RETURNING ${MEMBER_COLUMNS}`, [id]);
    const revoked = await revokeSessionsOf(c, 'staff', id);
    await recordEvent(c, id, 'staff.disabled', actor, { sessionsRevoked: revoked });
    return memberOf(rows[0]);
  }, pool);
}

/**
 * A new TOTP secret (the old one stops working), for a lost or exposed authenticator. The member's
 * sessions end, since they may have been opened with the old one; they enrol again at sign-in.
 */
export async function resetStaffTotp(pool: Pool, id: string, actor: StaffActor): Promise<{ member: StaffMember; totp: TotpEnrolment }> {
  return withTransaction(async (c) => {
    const row = await lockMember(c, id);
    if (row.disabled_at) throw new DomainError('conflict', 'staff-disabled', 'This staff member is disabled; a disabled member cannot sign in, so there is nothing to reset.');
    const totp = newEnrolment(row.email);
    // last_totp_step belongs to the old secret's codes; the new secret starts fresh.
    const { rows } = await c.query(
      `UPDATE accounts.staff SET totp_secret = $2, last_totp_step = NULL, totp_enrolled_at = NULL WHERE id = $1 RETURNING ${MEMBER_COLUMNS}`,
      [id, totp.secret],
    );
    const revoked = await revokeSessionsOf(c, 'staff', id);
    await recordEvent(c, id, 'staff.totp_reset', actor, { sessionsRevoked: revoked });
    return { member: memberOf(rows[0]), totp };
  }, pool);
}

const INVALID = () => new DomainError('unauthorized', 'invalid-credentials', 'Email, password or authenticator code is not correct.');

/** A signed-in member, or what the sign-in form must ask for next. */
export type StaffSignIn =
  | { ok: true; id: string; email: string; role: StaffRole }
  /** Right password, member enrolled, no code sent: the form must ask for the code. */
  | { ok: false; missing: 'totp' };

/**
 * Verifies both factors. One generic error for every wrong factor (no hint which). Without a code:
 * - right password, not enrolled yet: a `totp-enrollment-required` error carrying the member's
 *   current secret and otpauth:// URL, so the console can show the QR code of the first sign-in
 *   (only ever after the right password, and only until the first code proves enrolment);
 * - right password, enrolled: `{ missing: 'totp' }` (the caller answers 400 on `totp`).
 */
export async function authenticateStaff(pool: Pool, input: { email: string; password: string; totp?: string }): Promise<StaffSignIn> {
  const { rows } = await pool.query('SELECT * FROM accounts.staff WHERE lower(email) = lower($1) AND disabled_at IS NULL', [input.email]);
  const s = rows[0];
  if (!s) {
    // Spend the same time as a real check, so response time does not reveal who is staff.
    await hashPassword(input.password);
    throw INVALID();
  }
  const passwordOk = await verifyPassword(input.password, s.password_hash);
  if (input.totp === undefined) {
    if (!passwordOk) {
      await recordEvent(pool, s.id, 'staff.login_failed', null, { passwordOk, totpOk: false });
      throw INVALID();
    }
    if (s.totp_enrolled_at !== null) return { ok: false, missing: 'totp' };
    await recordEvent(pool, s.id, 'staff.enrolment_shown', null);
    throw new DomainError('unauthorized', 'totp-enrollment-required', 'Scan the QR code with an authenticator app, then sign in with its 6-digit code.', undefined, {
      otpauthUrl: totpFor(s.email, s.totp_secret).toString(),
      secret: s.totp_secret,
    });
  }
  const step = totpStep(s.email, s.totp_secret, input.totp);
  const accepted =
    passwordOk &&
    step !== null &&
    (await withTransaction(async (c) => {
      // Conditional update: a code (time step) is good for one sign-in only, even under races.
      // The secret must still be the one the code was checked against (a TOTP reset may have
      // raced this sign-in), and the member still enabled. The first success proves enrolment.
      const r = await c.query(
        `UPDATE accounts.staff SET last_totp_step = $2, totp_enrolled_at = coalesce(totp_enrolled_at, now())
          WHERE id = $1 AND (last_totp_step IS NULL OR last_totp_step < $2) AND totp_secret = $3 AND disabled_at IS NULL`,
        [s.id, step, s.totp_secret],
      );
      return r.rowCount === 1;
    }, pool));
  await recordEvent(pool, s.id, accepted ? 'staff.login' : 'staff.login_failed', null, accepted ? {} : { passwordOk, totpOk: step !== null });
  if (!accepted) throw INVALID();
  return { ok: true, id: s.id, email: s.email, role: s.role };
}

/**
 * Records that sign-in for an email was locked after repeated failures (the API's abuse limits
 * decide when). Nothing is recorded for an email that is no staff member: they are locked all the
 * same, so a lockout does not reveal who is staff.
 */
export async function recordStaffLockout(pool: Pool, email: string, data: { failures: number; seconds: number }): Promise<void> {
  await pool.query(
    `INSERT INTO accounts.staff_events (staff_id, type, actor, data)
     SELECT id, 'staff.locked', NULL, $2 FROM accounts.staff WHERE lower(email) = lower($1)`,
    [email, data],
  );
}

/** A staff member by id (null when unknown). */
export async function getStaffMember(pool: Pool, id: string): Promise<StaffMember | null> {
  const { rows } = await pool.query(`SELECT ${MEMBER_COLUMNS} FROM accounts.staff WHERE id = $1`, [id]);
  return rows[0] ? memberOf(rows[0]) : null;
}

/** Emails of staff members by id (who did a support action), for staff views. */
export async function staffEmails(pool: Pool, ids: readonly string[]): Promise<Map<string, string>> {
  const uuids = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (uuids.length === 0) return new Map();
  const { rows } = await pool.query('SELECT id, email FROM accounts.staff WHERE id = ANY($1::uuid[])', [uuids]);
  return new Map(rows.map((r) => [r.id as string, r.email as string]));
}
