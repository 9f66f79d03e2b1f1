/**
 * What may stop a repayment debit before it starts:
 * - a debit stop on the account (Nacha: after an unauthorized return, R05 R07 R10 R11 R29 R51, no
 *   debit until the customer authorizes again), lifted by the customer's new authorization;
 * - the return-rate guard's pause of all new repayment debits, lifted by an operator.
 * Every change is a row (transfers.debit_stops, transfers.repayment_debit_pauses): who, when, why.
 */
import type { Pool, PoolClient } from 'pg';

type Db = Pool | PoolClient;

export interface DebitStop {
  returnCode: string;
  since: string;
  transferId: string;
}

/** The oldest stop not lifted yet, or null when debits may be taken. */
export async function activeDebitStop(db: Db, accountId: string): Promise<DebitStop | null> {
  const { rows } = await db.query(`SELECT ${activeDebitStopSql('$1')} AS stop`, [accountId]);
  return debitStopOf(rows[0].stop);
}

/** The same as a scalar subquery (a JSON object or null) for the account `accountId` (a parameter or a column); read it with debitStopOf. */
export const activeDebitStopSql = (accountId: string) =>
  `(SELECT json_build_object('returnCode', return_code, 'since', stopped_at, 'transferId', transfer_id) FROM transfers.debit_stops
     WHERE account_id = ${accountId} AND authorized_at IS NULL ORDER BY stopped_at LIMIT 1)`;

export function debitStopOf(json: { returnCode: string; since: string; transferId: string } | null): DebitStop | null {
  return json && { returnCode: json.returnCode, since: new Date(json.since).toISOString(), transferId: json.transferId };
}

/** The customer authorized debits again: every stop on the account is lifted, with what they agreed to. Returns how many. */
export async function authorizeDebitsAgain(db: Db, accountId: string, authorizationKey: string): Promise<number> {
  const r = await db.query(`UPDATE transfers.debit_stops SET authorized_at = now(), authorization_key = $2 WHERE account_id = $1 AND authorized_at IS NULL`, [
    accountId,
    authorizationKey,
  ]);
  return r.rowCount ?? 0;
}

export interface RepaymentPause {
  paused: boolean;
  /** The change in force (null before any). */
  last: { action: 'pause' | 'lift'; actor: string; reason: string; at: string } | null;
}

export async function repaymentPause(db: Db): Promise<RepaymentPause> {
  const { rows } = await db.query(`SELECT action, actor, reason, at FROM transfers.repayment_debit_pauses ORDER BY id DESC LIMIT 1`);
  const r = rows[0];
  return { paused: r?.action === 'pause', last: r ? { action: r.action, actor: r.actor, reason: r.reason, at: r.at.toISOString() } : null };
}

/** Records a pause or a lift; the same key records once. Returns whether it changed anything. */
export async function changeRepaymentPause(db: Db, c: { action: 'pause' | 'lift'; actor: string; reason: string; key: string }): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO transfers.repayment_debit_pauses (action, actor, reason, change_key) VALUES ($1, $2, $3, $4) ON CONFLICT (change_key) DO NOTHING`,
    [c.action, c.actor, c.reason, c.key],
  );
  return (r.rowCount ?? 0) > 0;
}

/** Why no repayment debit may start on this account now, or null. */
export async function debitRefusal(db: Db, accountId: string): Promise<string | null> {
  const stop = await activeDebitStop(db, accountId);
  if (stop) return `debits on this account are stopped after an unauthorized return (${stop.returnCode}) until the customer authorizes again`;
  const pause = await repaymentPause(db);
  if (pause.paused) return `new repayment debits are paused: ${pause.last!.reason}`;
  return null;
}
