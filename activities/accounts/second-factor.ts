/**
 * Checking a customer's second factor, for sign-in and step-up alike: an authenticator-app code
 * (each time step once), a recovery code (once), or a passkey assertion (a challenge we issued,
 * once). A wrong proof is an answer (`null`), not an exception, so callers count the try.
 */
import type { Pool, PoolClient } from 'pg';
import { recordEvent } from './accounts-store';
import { passkeysOf } from './customer-factors';
import { useRecoveryCode } from './recovery-codes';
import { totpStep } from './totp';
import { verifyAuthentication, type AuthenticationResponseJSON, type RelyingParty } from './webauthn';

export type SecondFactorProof =
  | { method: 'totp'; code: string }
  | { method: 'recovery'; code: string }
  | { method: 'passkey'; credential: AuthenticationResponseJSON };

export interface SecondFactorShown {
  method: SecondFactorProof['method'];
  /** Recovery codes left after this one (recovery only). */
  recoveryCodesLeft?: number;
}

type Db = Pool | PoolClient;

async function totpOk(db: Db, accountId: string, code: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT id, totp_secret FROM accounts.customer_factors WHERE account_id = $1 AND kind = 'totp' AND confirmed_at IS NOT NULL`, [accountId]);
  const step = rows[0] ? totpStep('', rows[0].totp_secret, code) : null;
  if (step === null) return false;
  // Conditional: a code (its time step) is good once, even for two requests racing.
  const r = await db.query(
    `UPDATE accounts.customer_factors SET last_totp_step = $2, last_used_at = now() WHERE id = $1 AND (last_totp_step IS NULL OR last_totp_step < $2)`,
    [rows[0].id, step],
  );
  return r.rowCount === 1;
}

async function passkeyOk(db: Db, rp: RelyingParty, accountId: string, credential: AuthenticationResponseJSON): Promise<boolean> {
  const passkey = (await passkeysOf(db, accountId)).find((p) => p.credentialId === credential.id);
  if (!passkey) return false;
  const counter = await verifyAuthentication(db, rp, accountId, passkey, credential);
  if (counter === null) return false;
  await db.query('UPDATE accounts.customer_factors SET sign_count = $2, last_used_at = now() WHERE id = $1', [passkey.id, counter]);
  return true;
}

/** What the proof showed, or null when it is wrong (the caller counts the failure). */
export async function checkSecondFactor(db: Db, rp: RelyingParty, accountId: string, proof: SecondFactorProof, actor: string): Promise<SecondFactorShown | null> {
  switch (proof.method) {
    case 'totp':
      return (await totpOk(db, accountId, proof.code)) ? { method: 'totp' } : null;
    case 'passkey':
      return (await passkeyOk(db, rp, accountId, proof.credential)) ? { method: 'passkey' } : null;
    case 'recovery': {
      const left = await useRecoveryCode(db, accountId, proof.code, actor);
      return left === null ? null : { method: 'recovery', recoveryCodesLeft: left };
    }
  }
}

/** A wrong second factor, in the account's history (support sees attempts). */
export async function recordSecondFactorFailure(db: Db, accountId: string, method: string, purpose: 'sign-in' | 'step-up'): Promise<void> {
  await recordEvent(db, accountId, 'auth.second_factor_failed', `customer:${accountId}`, { method, purpose });
}
