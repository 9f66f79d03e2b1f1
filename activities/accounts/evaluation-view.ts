/** What the evaluate rules need from the accounts module, in one read. */
import type { Pool } from 'pg';
import { queryWithGenericPlan } from '../../db/generic-plan';

export interface AccountForEvaluation {
  accountId: string;
  status: 'pending_verification' | 'active' | 'suspended' | 'closed';
  thresholdCents: number | null;
  terms: { approved: boolean; limitCents: number; nextPayday: string | null; incomeCadence: string | null } | null;
}

export async function accountForEvaluation(pool: Pool, accountId: string): Promise<AccountForEvaluation | undefined> {
  return (await accountsForEvaluation(pool, [accountId])).get(accountId);
}

/** The same for many accounts in one query (the sweep's batches); missing accounts are absent. */
export async function accountsForEvaluation(pool: Pool, accountIds: readonly string[]): Promise<Map<string, AccountForEvaluation>> {
  // Planned once per connection (db/generic-plan.ts).
  const { rows } = await queryWithGenericPlan(pool, {
    name: 'accounts-for-evaluation',
    text: `SELECT a.id, a.status, a.low_balance_threshold_cents,
            t.approved, t.limit_cents, to_char(t.next_payday, 'YYYY-MM-DD') AS next_payday, t.income_cadence
     FROM accounts.accounts a LEFT JOIN accounts.advance_terms t ON t.account_id = a.id WHERE a.id = ANY($1::uuid[])`,
    values: [accountIds],
  });
  return new Map(
    rows.map((r) => [
      r.id,
      {
        accountId: r.id,
        status: r.status,
        thresholdCents: r.low_balance_threshold_cents === null ? null : Number(r.low_balance_threshold_cents),
        terms: r.approved === null ? null : { approved: r.approved, limitCents: Number(r.limit_cents), nextPayday: r.next_payday, incomeCadence: r.income_cadence },
      },
    ]),
  );
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
