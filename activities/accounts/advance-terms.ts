/** The accounts module's view of an application: who applies, and the terms the decision set. */
import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '../../db/pool';

export interface AdvanceTerms {
  accountId: string;
  applicationId: string;
  approved: boolean;
  limitCents: number;
  nextPayday: string | null;
  incomeCadence: string | null;
  modelVersion: string;
}

/**
 * Writes the account's terms inside the caller's transaction. Underwriting records a decision and
 * its terms in ONE transaction (activities/underwriting/activities.ts, recordDecision): both
 * schemas live in one database, so an application never reads `approved` while the account's
 * limit is still invisible. Idempotent: the same application's terms are written once, with one
 * event; a retry finds them and writes nothing.
 */
export async function writeAdvanceTerms(c: PoolClient, t: AdvanceTerms): Promise<void> {
  // One statement: the upsert changes the row only for another application (the conflicting row is
  // locked while it decides), and the event is written only when it did.
  await c.query(
    `WITH written AS (
       INSERT INTO accounts.advance_terms (account_id, approved, limit_cents, next_payday, income_cadence, application_id, model_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (account_id) DO UPDATE SET approved = EXCLUDED.approved, limit_cents = EXCLUDED.limit_cents,
         next_payday = EXCLUDED.next_payday, income_cadence = EXCLUDED.income_cadence,
         application_id = EXCLUDED.application_id, model_version = EXCLUDED.model_version, updated_at = now()
       WHERE accounts.advance_terms.application_id IS DISTINCT FROM EXCLUDED.application_id
       RETURNING account_id)
     INSERT INTO accounts.events (account_id, type, actor, data) SELECT account_id, 'account.advance_terms_set', 'system:apply', $8::jsonb FROM written`,
    [
      t.accountId,
      t.approved,
      t.limitCents,
      t.nextPayday,
      t.incomeCadence,
      t.applicationId,
      t.modelVersion,
      JSON.stringify({ applicationId: t.applicationId, approved: t.approved, limitCents: t.limitCents, nextPayday: t.nextPayday }),
    ],
  );
}

/**
 * The apply workflow's `update_limit` activity, kept for runs started before the terms were written
 * with the decision (workflows/apply.ts, patch `terms-written-with-decision`): on replay or retry it
 * finds them written and changes nothing.
 */
export async function setAdvanceTerms(pool: Pool, t: AdvanceTerms): Promise<void> {
  await withTransaction((c) => writeAdvanceTerms(c, t), pool);
}

export async function getAdvanceTerms(pool: Pool, accountId: string): Promise<AdvanceTerms | undefined> {
  const { rows } = await pool.query(`SELECT ${TERMS_COLUMNS} FROM accounts.advance_terms WHERE account_id = $1`, [accountId]);
  return rows[0] && toAdvanceTerms(rows[0]);
}

/** The columns toAdvanceTerms reads (of accounts.advance_terms). */
export const TERMS_COLUMNS = `account_id, application_id, approved, limit_cents, to_char(next_payday, 'YYYY-MM-DD') AS next_payday, income_cadence, model_version`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function toAdvanceTerms(r: any): AdvanceTerms {
  return {
    accountId: r.account_id,
    applicationId: r.application_id,
    approved: r.approved,
    limitCents: Number(r.limit_cents),
    nextPayday: r.next_payday,
    incomeCadence: r.income_cadence,
    modelVersion: r.model_version,
  };
}
