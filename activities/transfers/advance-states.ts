/**
 * advanceState for a sweep's batch of accounts. One query finds the accounts that ever had an
 * advance; every part of an AdvanceState (the open advance, its transfers in flight, the last
 * repayment attempt, the last repayment, a returned advance) hangs off an advance, so the others
 * (and a debit stop, which names the returned transfer) have nothing to say, and only accounts with an advance history are read one by one, with the
 * very code GET /v1/me and evaluateAccountWorkflow use.
 */
import type { Pool } from 'pg';
import { AdvanceState, advanceState } from './advance-state';

const NOTHING: AdvanceState = { advance: null, transferInFlight: null, lastRepaymentAttempt: null, lastRepaidOn: null, lastAdvanceReturn: null, debitsStopped: null };

export async function advanceStates(pool: Pool, accountIds: readonly string[]): Promise<Map<string, AdvanceState>> {
  const { rows } = await pool.query(`SELECT DISTINCT account_id FROM transfers.advances WHERE account_id = ANY($1::uuid[])`, [accountIds]);
  const withHistory = new Set<string>(rows.map((r) => r.account_id));
  const out = new Map<string, AdvanceState>();
  for (const id of accountIds) if (!withHistory.has(id)) out.set(id, { ...NOTHING });
  await Promise.all([...withHistory].map(async (id) => out.set(id, await advanceState(pool, id))));
  return out;
}
