/**
 * Staff users: two factors at sign-in (a scrypt-hashed password and a TOTP code). A TOTP code is
 * accepted once: the last used time step is stored, so a shoulder-surfed code cannot be replayed.
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import * as OTPAuth from 'otpauth';
import { isUniqueViolation, withTransaction } from '../../db/pool';
import { DomainError } from '../../platform/errors';
import { hashPassword, verifyPassword } from './password';

export type StaffRole = 'support' | 'operator';
export const STAFF_ROLES: readonly StaffRole[] = ['support', 'operator'];

const ISSUER = 'Timely';
const totpFor = (email: string, secret: string) =>
  new OTPAuth.TOTP({ issuer: ISSUER, label: email, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });

export interface CreatedStaff {
  id: string;
  email: string;
  role: StaffRole;
  totpSecret: string;
  otpauthUrl: string;
}

export async function createStaff(pool: Pool, input: { email: string; password: string; role: StaffRole }): Promise<CreatedStaff> {
  const id = randomUUID();
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const passwordHash = await hashPassword(input.password);
  try {
    await withTransaction(async (c) => {
      await c.query('INSERT INTO accounts.staff (id, email, password_hash, totp_secret, role) VALUES ($1, $2, $3, $4, $5)', [
        id,
        input.email,
        passwordHash,
        secret,
        input.role,
      ]);
      await c.query(`INSERT INTO accounts.staff_events (staff_id, type, data) VALUES ($1, 'staff.created', $2)`, [id, { role: input.role }]);
    }, pool);
  } catch (err) {
    if (isUniqueViolation(err, 'staff_email_key')) throw new DomainError('conflict', 'email-taken', 'A staff user with this email already exists.', 'email');
    throw err;
  }
  return { id, email: input.email, role: input.role, totpSecret: secret, otpauthUrl: totpFor(input.email, secret).toString() };
}

const INVALID = () => new DomainError('unauthorized', 'invalid-credentials', 'Email, password or authenticator code is not correct.');

/** Verifies both factors; returns the staff id and role. One generic error for every failure. */
export async function authenticateStaff(pool: Pool, input: { email: string; password: string; totp: string }): Promise<{ id: string; role: StaffRole }> {
  const { rows } = await pool.query('SELECT * FROM accounts.staff WHERE lower(email) = lower($1) AND disabled_at IS NULL', [input.email]);
  const s = rows[0];
  if (!s) {
    // Spend the same time as a real check, so response time does not reveal who is staff.
    await hashPassword(input.password);
    throw INVALID();
  }
  const passwordOk = await verifyPassword(input.password, s.password_hash);
  const delta = totpFor(s.email, s.totp_secret).validate({ token: input.totp, window: 1 });
  const step = delta === null ? null : Math.floor(Date.now() / 30_000) + delta;
  const accepted =
    passwordOk &&
    step !== null &&
    (await withTransaction(async (c) => {
      // Conditional update: a code (time step) is good for one sign-in only, even under races.
      const r = await c.query(
        'UPDATE accounts.staff SET last_totp_step = $2 WHERE id = $1 AND (last_totp_step IS NULL OR last_totp_step < $2)',
        [s.id, step],
      );
      return r.rowCount === 1;
    }, pool));
  await pool.query('INSERT INTO accounts.staff_events (staff_id, type, data) VALUES ($1, $2, $3)', [
    s.id,
    accepted ? 'staff.login' : 'staff.login_failed',
    accepted ? {} : { passwordOk, totpOk: step !== null },
  ]);
  if (!accepted) throw INVALID();
  return { id: s.id, role: s.role };
}

/** For tests and the CLI: the current code of a secret. */
export function currentTotp(email: string, secret: string): string {
  return totpFor(email, secret).generate();
}
