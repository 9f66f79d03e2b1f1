/**
 * Applications and decisions (underwriting schema). The database enforces one running application
 * per account and one application per idempotency key, so races resolve to a single run.
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { isUniqueViolation } from '../../db/pool';
import { DomainError } from '../../platform/errors';

export type ApplicationStatus = 'running' | 'approved' | 'declined' | 'failed';

export interface ApplicationRow {
  id: string;
  accountId: string;
  seq: number;
  workflowId: string;
  idempotencyKey: string | null;
  status: ApplicationStatus;
  failure: { code: string; reason: string } | null;
  createdAt: string;
  completedAt: string | null;
}

export interface DecisionRow {
  approved: boolean;
  limitCents: number;
  reasons: { code: string; message: string }[];
  modelVersion: string;
  policyVersion: string;
  nextPayday: string | null;
  income: unknown;
  decidedAt: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const toApp = (r: any): ApplicationRow => ({
  id: r.id,
  accountId: r.account_id,
  seq: r.seq,
  workflowId: r.workflow_id,
  idempotencyKey: r.idempotency_key,
  status: r.status,
  failure: r.failure_code ? { code: r.failure_code, reason: r.failure_reason } : null,
  createdAt: r.created_at.toISOString(),
  completedAt: r.completed_at?.toISOString() ?? null,
});

/** The account's application made with this Idempotency-Key, if any. */
async function applicationByKey(pool: Pool, accountId: string, idempotencyKey: string): Promise<ApplicationRow | undefined> {
  const { rows } = await pool.query('SELECT * FROM underwriting.applications WHERE account_id = $1 AND idempotency_key = $2', [accountId, idempotencyKey]);
  return rows[0] && toApp(rows[0]);
}

/**
 * Creates the application row, or returns the existing one for a repeated Idempotency-Key (whose
 * workflow the caller starts again if it is still running: the first request may have died
 * before starting it).
 */
export async function createApplication(
  pool: Pool,
  accountId: string,
  idempotencyKey: string | null,
  /** The workflow id without its seq (workflows/apply.ts, applyWorkflowIdPrefix): the id is the prefix, then the seq. */
  workflowIdPrefix: string,
): Promise<{ application: ApplicationRow }> {
  if (idempotencyKey) {
    const prior = await applicationByKey(pool, accountId, idempotencyKey);
    if (prior) return { application: prior };
  }
  // One statement, the next seq read in it: two racing requests may read the same one, and the
  // database's UNIQUE (account_id, seq) refuses the second, which reads again.
  for (let attempt = 1; ; attempt++) {
    try {
      const { rows } = await pool.query(
        `INSERT INTO underwriting.applications (id, account_id, seq, workflow_id, idempotency_key, status)
         SELECT $1, $2, n.seq, $3 || n.seq, $4, 'running'
           FROM (SELECT coalesce(max(seq), 0) + 1 AS seq FROM underwriting.applications WHERE account_id = $2) n
         RETURNING *`,
        [randomUUID(), accountId, workflowIdPrefix, idempotencyKey],
      );
      return { application: toApp(rows[0]) };
    } catch (err) {
      if (isUniqueViolation(err, 'applications_account_id_seq_key') && attempt < 5) continue;
      if (isUniqueViolation(err, 'applications_one_running'))
        throw new DomainError('conflict', 'application-running', 'An application is already being decided for this account. Wait for its decision.');
      if (isUniqueViolation(err, 'applications_account_id_idempotency_key_key') && idempotencyKey) {
        // A concurrent request with the same key won the race: answer with its application.
        return { application: (await applicationByKey(pool, accountId, idempotencyKey))! };
      }
      throw err;
    }
  }
}

export async function getApplication(pool: Pool, id: string): Promise<ApplicationRow | undefined> {
  const { rows } = await pool.query('SELECT * FROM underwriting.applications WHERE id = $1', [id]);
  return rows[0] && toApp(rows[0]);
}

export async function listApplications(pool: Pool, filter: { accountId?: string; status?: ApplicationStatus; limit: number }): Promise<ApplicationRow[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.accountId) where.push(`account_id = $${args.push(filter.accountId)}`);
  if (filter.status) where.push(`status = $${args.push(filter.status)}`);
  const { rows } = await pool.query(
    `SELECT * FROM underwriting.applications ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC LIMIT $${args.push(filter.limit)}`,
    args,
  );
  return rows.map(toApp);
}

export async function getDecision(pool: Pool, applicationId: string): Promise<DecisionRow | undefined> {
  const { rows } = await pool.query(
    `SELECT approved, limit_cents, reasons, model_version, policy_version, to_char(next_payday, 'YYYY-MM-DD') AS next_payday, income, decided_at
     FROM underwriting.decisions WHERE application_id = $1`,
    [applicationId],
  );
  const r = rows[0];
  return (
    r && {
      approved: r.approved,
      limitCents: Number(r.limit_cents),
      reasons: r.reasons,
      modelVersion: r.model_version,
      policyVersion: r.policy_version,
      nextPayday: r.next_payday,
      income: r.income,
      decidedAt: r.decided_at.toISOString(),
    }
  );
}
