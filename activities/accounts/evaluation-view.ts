/** What the evaluate rules need from the accounts module, in one read. */
import type { Pool } from 'pg';

export interface AccountForEvaluation {
  accountId: string;
  status: 'pending_verification' | 'active' | 'suspended' | 'closed';
  legalName: string;
  thresholdCents: number | null;
  terms: { approved: boolean; limitCents: number; nextPayday: string | null; incomeCadence: string | null } | null;
}

export async function accountForEvaluation(pool: Pool, accountId: string): Promise<AccountForEvaluation | undefined> {
  const { rows } = await pool.query(
    `SELECT a.id, a.status, a.first_name, a.last_name, a.low_balance_threshold_cents,
            t.approved, t.limit_cents, to_char(t.next_payday, 'YYYY-MM-DD') AS next_payday, t.income_cadence
     FROM accounts.accounts a LEFT JOIN accounts.advance_terms t ON t.account_id = a.id WHERE a.id = $1`,
    [accountId],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    accountId: r.id,
    status: r.status,
    legalName: `${r.first_name} ${r.last_name}`,
    thresholdCents: r.low_balance_threshold_cents === null ? null : Number(r.low_balance_threshold_cents),
    terms: r.approved === null ? null : { approved: r.approved, limitCents: Number(r.limit_cents), nextPayday: r.next_payday, incomeCadence: r.income_cadence },
  };
}

/** Active accounts with advance terms, by id, for the sweep's keyset paging. */
export async function evaluableAccountIds(pool: Pool, afterId: string | null, limit: number): Promise<string[]> {
  const { rows } = await pool.query(
    `SELECT a.id FROM accounts.accounts a JOIN accounts.advance_terms t ON t.account_id = a.id
     WHERE a.status = 'active' AND ($1::uuid IS NULL OR a.id > $1::uuid) ORDER BY a.id LIMIT $2`,
    [afterId, limit],
  );
  return rows.map((r) => r.id);
}
