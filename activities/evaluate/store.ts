/** The evaluate schema: evaluations (inputs, decision, reason, rule version) and repayment notices. */
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';

export interface EvaluationRecord {
  accountId: string;
  workflowId: string;
  runId: string;
  trigger: string;
  action: 'none' | 'advance' | 'repay' | 'notify';
  amountCents: number | null;
  reasonCode: string;
  message: string;
  ruleVersion: string;
  inputs: unknown;
  transferWorkflowId: string | null;
}

/**
 * One workflow run's evaluation. The run records it in a local activity, which runs again when the
 * worker dies before the workflow task that holds it completes: the run then gathers and decides
 * again, and the history keeps the last attempt's decision, so the row does too.
 */
export async function recordEvaluation(pool: Pool, e: EvaluationRecord): Promise<void> {
  await recordEvaluations(pool, [e], 'last-wins');
}

/**
 * Many evaluations in one multi-row insert (a sweep's batch); one row per (workflow, run): a retried
 * batch keeps the first (`first-wins`), a workflow run its last attempt (`last-wins`, above).
 */
export async function recordEvaluations(pool: Pool, records: readonly EvaluationRecord[], conflict: 'first-wins' | 'last-wins' = 'first-wins'): Promise<void> {
  if (records.length === 0) return;
  const rows = records.map((e) => ({
    id: randomUUID(),
    account_id: e.accountId,
    workflow_id: e.workflowId,
    run_id: e.runId,
    trigger: e.trigger,
    action: e.action,
    amount_cents: e.amountCents,
    reason_code: e.reasonCode,
    message: e.message,
    rule_version: e.ruleVersion,
    inputs: e.inputs,
    transfer_workflow_id: e.transferWorkflowId,
  }));
  await pool.query(
    `INSERT INTO evaluate.evaluations (id, account_id, workflow_id, run_id, trigger, action, amount_cents, reason_code, message, rule_version, inputs, transfer_workflow_id)
     SELECT r.id, r.account_id, r.workflow_id, r.run_id, r.trigger, r.action, r.amount_cents, r.reason_code, r.message, r.rule_version, r.inputs, r.transfer_workflow_id
     FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, account_id uuid, workflow_id text, run_id text, trigger text, action text, amount_cents bigint,
       reason_code text, message text, rule_version text, inputs jsonb, transfer_workflow_id text)
     ON CONFLICT (workflow_id, run_id) DO ${
       conflict === 'first-wins'
         ? 'NOTHING'
         : `UPDATE SET trigger = EXCLUDED.trigger, action = EXCLUDED.action, amount_cents = EXCLUDED.amount_cents, reason_code = EXCLUDED.reason_code,
             message = EXCLUDED.message, rule_version = EXCLUDED.rule_version, inputs = EXCLUDED.inputs,
             transfer_workflow_id = EXCLUDED.transfer_workflow_id, evaluated_at = now()`
     }`,
    [JSON.stringify(rows)],
  );
}

export async function listEvaluations(pool: Pool, f: { accountId?: string; limit: number }) {
  const args: unknown[] = [];
  const where = f.accountId ? `WHERE account_id = $${args.push(f.accountId)}` : '';
  const { rows } = await pool.query(
    `SELECT id, account_id, workflow_id, run_id, trigger, action, amount_cents, reason_code, message, rule_version, inputs, transfer_workflow_id, evaluated_at
     FROM evaluate.evaluations ${where} ORDER BY evaluated_at DESC LIMIT $${args.push(f.limit)}`,
    args,
  );
  return rows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    workflowId: r.workflow_id,
    runId: r.run_id,
    trigger: r.trigger,
    action: r.action,
    amountCents: r.amount_cents === null ? null : Number(r.amount_cents),
    reasonCode: r.reason_code,
    message: r.message,
    ruleVersion: r.rule_version,
    inputs: r.inputs,
    transferWorkflowId: r.transfer_workflow_id,
    evaluatedAt: r.evaluated_at.toISOString(),
  }));
}

/**
 * Records the notice once per advance and date (a retried activity sends nothing twice). `sentOn` is
 * the evaluation's business date, the day the banking-day lead is counted from.
 */
export async function recordRepaymentNotice(pool: Pool | PoolClient, n: { accountId: string; advanceId: string; amountCents: number; scheduledFor: string; sentOn: string }): Promise<boolean> {
  const r = await pool.query(
    `INSERT INTO evaluate.repayment_notices (id, account_id, advance_id, amount_cents, pull_on, sent_on) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (advance_id, pull_on) DO NOTHING`,
    [randomUUID(), n.accountId, n.advanceId, n.amountCents, n.scheduledFor, n.sentOn],
  );
  return (r.rowCount ?? 0) > 0;
}
