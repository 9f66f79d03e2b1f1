/**
 * Customers' second factors: passkeys (several, each named) and one authenticator app (TOTP).
 * Secrets never leave this module: views carry names and dates only. Every change is a
 * `security.*` event in the account's history, in the same transaction as the change.
 */
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { isUniqueViolation, withTransaction } from '../../db/pool';
import { DomainError } from '../../platform/errors';
import { recordEvent } from './accounts-store';
import { newTotpEnrolment, totpStep, type TotpEnrolment } from './totp';
import type { StoredPasskey } from './webauthn';

type Db = Pool | PoolClient;
export type FactorKind = 'passkey' | 'totp';
/** What a customer can show as a second factor right now. */
export type SecondFactorMethod = FactorKind | 'recovery';

export interface FactorView {
  id: string;
  kind: FactorKind;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface FactorSummary {
  factors: FactorView[];
  /** Unused recovery codes; 0 when none were made. */
  recoveryCodesLeft: number;
  recoveryCodesCreatedAt: string | null;
}

const viewOf = (r: Record<string, any>): FactorView => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  createdAt: r.created_at.toISOString(),
  lastUsedAt: r.last_used_at ? r.last_used_at.toISOString() : null,
});

export async function listFactors(db: Db, accountId: string): Promise<FactorSummary> {
  const [factors, codes] = await Promise.all([
    db.query(`SELECT id, kind, name, created_at, last_used_at FROM accounts.customer_factors WHERE account_id = $1 AND confirmed_at IS NOT NULL ORDER BY created_at, id`, [accountId]),
    db.query(`SELECT count(*) FILTER (WHERE used_at IS NULL)::int AS left, max(created_at) AS created FROM accounts.recovery_codes WHERE account_id = $1`, [accountId]),
  ]);
  return { factors: factors.rows.map(viewOf), recoveryCodesLeft: codes.rows[0].left, recoveryCodesCreatedAt: codes.rows[0].created ? codes.rows[0].created.toISOString() : null };
}

/** The methods a customer may sign in or step up with; empty = no second factor enrolled. */
export async function secondFactorMethods(db: Db, accountId: string): Promise<SecondFactorMethod[]> {
  const { rows } = await db.query(
    `SELECT array(SELECT DISTINCT kind FROM accounts.customer_factors WHERE account_id = $1 AND confirmed_at IS NOT NULL ORDER BY kind) AS kinds,
            EXISTS (SELECT 1 FROM accounts.recovery_codes WHERE account_id = $1 AND used_at IS NULL) AS codes`,
    [accountId],
  );
  const kinds = rows[0].kinds as FactorKind[];
  // Recovery codes stand in for a factor, never alone (they are made only with a factor).
  return kinds.length === 0 ? [] : [...kinds, ...(rows[0].codes ? (['recovery'] as const) : [])];
}

export async function passkeysOf(db: Db, accountId: string): Promise<(StoredPasskey & { id: string })[]> {
  const { rows } = await db.query(
    `SELECT id, credential_id, public_key, sign_count, transports FROM accounts.customer_factors WHERE account_id = $1 AND kind = 'passkey' ORDER BY created_at`,
    [accountId],
  );
  return rows.map((r) => ({ id: r.id, credentialId: r.credential_id, publicKey: r.public_key, signCount: Number(r.sign_count), transports: r.transports }));
}

export async function addPasskey(pool: Pool, accountId: string, name: string, passkey: StoredPasskey, actor: string): Promise<FactorView> {
  try {
    return await withTransaction(async (c) => {
      const { rows } = await c.query(
        `INSERT INTO accounts.customer_factors (id, account_id, kind, name, credential_id, public_key, sign_count, transports, confirmed_at)
         VALUES ($1, $2, 'passkey', $3, $4, $5, $6, $7, now()) RETURNING id, kind, name, created_at, last_used_at`,
        [randomUUID(), accountId, name, passkey.credentialId, passkey.publicKey, passkey.signCount, passkey.transports],
      );
      await recordEvent(c, accountId, 'security.factor_added', actor, { factorId: rows[0].id, kind: 'passkey', name });
      return viewOf(rows[0]);
    }, pool);
  } catch (err) {
    if (isUniqueViolation(err, 'customer_factors_credential_key')) throw new DomainError('conflict', 'passkey-taken', 'This passkey is already registered.');
    throw err;
  }
}

/**
 * A new authenticator-app secret, pending until its first code (confirmTotp). A pending one from
 * an earlier try is replaced; an enrolled app must be removed first.
 */
export async function startTotp(pool: Pool, accountId: string, label: string): Promise<TotpEnrolment> {
  return withTransaction(async (c) => {
    await c.query('SELECT 1 FROM accounts.accounts WHERE id = $1 FOR UPDATE', [accountId]);
    const { rows } = await c.query(`SELECT confirmed_at FROM accounts.customer_factors WHERE account_id = $1 AND kind = 'totp'`, [accountId]);
    if (rows.some((r) => r.confirmed_at)) throw new DomainError('conflict', 'totp-already-enrolled', 'An authenticator app is already set up. Remove it first to set up another.');
    await c.query(`DELETE FROM accounts.customer_factors WHERE account_id = $1 AND kind = 'totp' AND confirmed_at IS NULL`, [accountId]);
    const totp = newTotpEnrolment(label);
    await c.query(`INSERT INTO accounts.customer_factors (id, account_id, kind, name, totp_secret) VALUES ($1, $2, 'totp', 'Authenticator app', $3)`, [
      randomUUID(),
      accountId,
      totp.secret,
    ]);
    return totp;
  }, pool);
}

/** The first code from the app proves it holds the secret: the factor is enrolled (and that code is spent). */
export async function confirmTotp(pool: Pool, accountId: string, code: string, actor: string): Promise<FactorView> {
  const view = await withTransaction(async (c) => {
    const { rows } = await c.query(`SELECT id, totp_secret FROM accounts.customer_factors WHERE account_id = $1 AND kind = 'totp' AND confirmed_at IS NULL FOR UPDATE`, [accountId]);
    if (!rows[0]) throw new DomainError('conflict', 'totp-not-started', 'Start setting up an authenticator app first.');
    const step = totpStep('', rows[0].totp_secret, code);
    if (step === null) return null;
    const u = await c.query(
      `UPDATE accounts.customer_factors SET confirmed_at = now(), last_totp_step = $2, last_used_at = now() WHERE id = $1 RETURNING id, kind, name, created_at, last_used_at`,
      [rows[0].id, step],
    );
    await recordEvent(c, accountId, 'security.factor_added', actor, { factorId: rows[0].id, kind: 'totp' });
    return viewOf(u.rows[0]);
  }, pool);
  if (!view) throw new DomainError('unauthorized', 'second-factor-wrong', 'That code is not right. Check the time on your phone and try the newest code.', 'code');
  return view;
}

/**
 * Removes a factor. A customer keeps at least one (removing the last would quietly turn two-step
 * sign-in off); an operator may remove any, for a customer who lost theirs.
 */
export async function removeFactor(pool: Pool, accountId: string, factorId: string, actor: string, opts: { keepOne: boolean; note?: string }): Promise<FactorView> {
  return withTransaction(async (c) => {
    await c.query('SELECT 1 FROM accounts.accounts WHERE id = $1 FOR UPDATE', [accountId]);
    const { rows } = await c.query(
      `SELECT id, kind, name, created_at, last_used_at FROM accounts.customer_factors WHERE account_id = $1 AND confirmed_at IS NOT NULL ORDER BY created_at`,
      [accountId],
    );
    const target = rows.find((r) => r.id === factorId);
    if (!target) throw new DomainError('not_found', 'factor-not-found', 'No such sign-in method on this account.');
    if (opts.keepOne && rows.length === 1)
      throw new DomainError('conflict', 'last-factor', 'This is your only second step. Add another passkey or an authenticator app before removing it.');
    await c.query('DELETE FROM accounts.customer_factors WHERE id = $1', [factorId]);
    // Without any factor, recovery codes would be a second factor of their own: they go too.
    if (rows.length === 1) await c.query('DELETE FROM accounts.recovery_codes WHERE account_id = $1', [accountId]);
    await recordEvent(c, accountId, 'security.factor_removed', actor, { factorId, kind: target.kind, name: target.name, ...(opts.note ? { note: opts.note } : {}) });
    return viewOf(target);
  }, pool);
}
