/**
 * The transfers module's AdvanceState for many accounts in one statement (a sweep's batch), and so
 * for one (advanceState, which evaluateAccountWorkflow and the tests use): one definition.
 * Per account, by index: the open advance (at most one, by the partial unique index), its
 * transfers with each one's failure day, the attempts of its last repayment, what it still owes
 * (the ledger), the day Plaid sent it, the repayment its customer was last told about (kept on
 * the advance by the notice's own transaction), the last repayment and a returned latest advance,
 * and a debit stop. An account without any advance finds nothing in each, at one index probe apiece.
 */
import type { Pool } from 'pg';
import { queryWithGenericPlan } from '../../db/generic-plan';
import type { AdvanceState } from './advance-state';
import { advanceSentOnSql, lastRepaidOnSql, latestFailureDaySql } from './business-dates';
import { TRANSFER_IN_FLIGHT } from './customer-advance-facts';
import { activeDebitStopSql, debitStopOf } from './debit-guard';

const ADVANCE_STATES_SQL = `
SELECT acc.account_id, o.id AS open_id, to_char(o.created_at, 'YYYY-MM-DD') AS open_on, o.announced_repayment_cents,
  to_char(o.announced_repayment_on, 'YYYY-MM-DD') AS announced_repayment_on, to_char(o.repayment_announced_on, 'YYYY-MM-DD') AS repayment_announced_on,
  CASE WHEN o.id IS NOT NULL THEN (SELECT coalesce(sum(l.amount_cents), 0) FROM transfers.ledger_lines l
                                    WHERE l.ledger_account = 'customer_receivable:' || acc.account_id::text) END AS outstanding,
  CASE WHEN o.id IS NOT NULL THEN ${advanceSentOnSql('o.id')} END AS sent_on,
  (SELECT json_agg(json_build_object('id', t.id, 'purpose', t.purpose, 'status', t.status, 'returnCode', t.return_code,
            'updatedOn', to_char(t.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), 'failureDay', ${latestFailureDaySql('t.id')}) ORDER BY t.created_at)
     FROM transfers.transfers t WHERE t.advance_id = o.id) AS transfers,
  (SELECT json_agg(json_build_object('status', a.status, 'returnCode', a.return_code,
            'settledOn', to_char(coalesce(a.settled_on, a.posted_on), 'YYYY-MM-DD'), 'on', to_char(a.updated_at, 'YYYY-MM-DD')) ORDER BY a.attempt)
     FROM transfers.attempts a
    WHERE a.transfer_id = (SELECT r.id FROM (SELECT id, status FROM transfers.transfers WHERE advance_id = o.id AND purpose = 'repayment'
                                             ORDER BY created_at DESC LIMIT 1) r
                            -- Only a repayment waiting for support is described by its attempts.
                            WHERE r.status = 'needs_attention')) AS last_repayment_attempts,
  coalesce(${lastRepaidOnSql('acc.account_id')},
    (SELECT to_char(max(v.closed_at), 'YYYY-MM-DD') FROM transfers.advances v WHERE v.account_id = acc.account_id AND v.status = 'repaid')) AS last_repaid_on,
  CASE WHEN o.id IS NULL THEN (
    SELECT json_build_object('returnCode', t.return_code, 'updatedOn', to_char(t.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), 'failureDay', ${latestFailureDaySql('t.id')})
      FROM transfers.advances v JOIN transfers.transfers t ON t.advance_id = v.id AND t.purpose = 'disbursement'
     WHERE v.account_id = acc.account_id AND v.status = 'returned'
       AND v.created_at = (SELECT max(created_at) FROM transfers.advances WHERE account_id = acc.account_id)
     ORDER BY t.created_at LIMIT 1) END AS closed_advance_return,
  ${activeDebitStopSql('acc.account_id')} AS debit_stop
FROM unnest($1::uuid[]) AS acc(account_id)
LEFT JOIN transfers.advances o ON o.account_id = acc.account_id AND o.status IN ('disbursing', 'outstanding')`;

interface TransferFacts {
  id: string;
  purpose: 'disbursement' | 'repayment';
  status: string;
  returnCode: string | null;
  /** UTC day of its last change. */
  updatedOn: string;
  /** latestFailureDaySql: null when it has no attempt. */
  failureDay: string | null;
}

interface AttemptFacts {
  status: string;
  returnCode: string | null;
  settledOn: string | null;
  on: string;
}

interface AdvanceStateRow {
  account_id: string;
  open_id: string | null;
  open_on: string | null;
  announced_repayment_cents: string | null;
  announced_repayment_on: string | null;
  repayment_announced_on: string | null;
  outstanding: string | null;
  sent_on: string | null;
  transfers: TransferFacts[] | null;
  last_repayment_attempts: AttemptFacts[] | null;
  last_repaid_on: string | null;
  closed_advance_return: { returnCode: string | null; updatedOn: string; failureDay: string | null } | null;
  debit_stop: Parameters<typeof debitStopOf>[0];
}

export async function advanceStates(pool: Pool, accountIds: readonly string[]): Promise<Map<string, AdvanceState>> {
  // Named and with its generic plan (db/generic-plan.ts): planning it took three times as long as running it.
  const { rows } = await queryWithGenericPlan<AdvanceStateRow>(pool, { name: 'advance-states', text: ADVANCE_STATES_SQL, values: [accountIds] });
  return new Map(rows.map((r) => [r.account_id, toAdvanceState(r)]));
}

function toAdvanceState(r: AdvanceStateRow): AdvanceState {
  const transfers = r.transfers ?? [];
  const inFlight = transfers.find((t) => TRANSFER_IN_FLIGHT.includes(t.status));
  const lastRepayment = [...transfers].reverse().find((t) => t.purpose === 'repayment');
  let lastRepaymentAttempt: AdvanceState['lastRepaymentAttempt'] = null;
  if (lastRepayment && lastRepayment.status === 'needs_attention') {
    const attempts = r.last_repayment_attempts ?? [];
    const last = attempts[attempts.length - 1];
    const returned = attempts.filter((a) => a.status === 'returned');
    lastRepaymentAttempt = {
      transferId: lastRepayment.id,
      outcome: last?.status === 'returned' ? 'returned' : 'failed',
      // Plaid's date of the return or failure (or the business day of a decline), never our clock's.
      on: lastRepayment.failureDay ?? last?.on ?? lastRepayment.updatedOn,
      returnCode: last?.returnCode ?? lastRepayment.returnCode,
      priorRepresentments: Math.max(0, returned.length - 1),
      // Posted date when Plaid never reported settled: never later than settlement (domain/ach/returns.ts).
      originalSettlementDate: returned[0]?.settledOn ?? null,
      priorFailedRetries: Math.max(0, attempts.filter((a) => a.status === 'failed' || a.status === 'declined').length - 1),
    };
  }
  // The latest advance came back (it ends `returned`): the bank account must be checked first.
  const advanceReturn = r.open_id ? transfers.find((t) => t.purpose === 'disbursement' && t.status === 'needs_attention') : r.closed_advance_return;
  return {
    advance: r.open_id
      ? {
          id: r.open_id,
          outstandingCents: Number(r.outstanding),
          disbursedOn: r.sent_on ?? r.open_on!,
          announcedRepayment:
            r.announced_repayment_cents === null
              ? null
              : { amountCents: Number(r.announced_repayment_cents), scheduledFor: r.announced_repayment_on!, sentOn: r.repayment_announced_on! },
        }
      : null,
    transferInFlight: inFlight ? { kind: inFlight.purpose === 'disbursement' ? 'advance' : 'repayment' } : null,
    lastRepaymentAttempt,
    lastRepaidOn: r.last_repaid_on,
    lastAdvanceReturn: advanceReturn ? { on: advanceReturn.failureDay ?? advanceReturn.updatedOn, returnCode: advanceReturn.returnCode } : null,
    debitsStopped: debitStopOf(r.debit_stop),
  };
}
