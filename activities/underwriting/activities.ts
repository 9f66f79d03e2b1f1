/** The underwriting module's activities: decide (pure), record, and fail with a reason. */
import { getPool, withTransaction } from '../../db/pool';
import { matchIdentity } from '../../domain/identity-match';
import { underwrite } from '../../domain/underwriting/underwrite';
import type { UnderwritingDecision } from '../../domain/underwriting/types';
import type { ApplicantProfile } from '../accounts/activities';
import type { BankOwners } from '../bank/activities';
import type { BankHistory } from '../bank/history';
import type { ConsumerReportSummary } from '../bureau/consumer-report';
import { decisionDate, toUnderwritingHistory } from './to-domain';

export interface UnderwriteInput {
  account: ApplicantProfile;
  owners: BankOwners;
  consumerReport: ConsumerReportSummary;
  history: BankHistory;
}

export interface RecordDecisionInput {
  applicationId: string;
  accountId: string;
  decision: UnderwritingDecision;
  inputs: { owners: BankOwners; consumerReport: ConsumerReportSummary; history: BankHistory };
}

export function underwritingActivities() {
  return {
    /** Pure: no I/O. An activity (local) so its result is recorded once and replays never re-decide. */
    async underwrite(input: UnderwriteInput): Promise<UnderwritingDecision> {
      const asOf = decisionDate(input.history, new Date().toISOString().slice(0, 10));
      return underwrite({
        history: toUnderwritingHistory(input.history, asOf),
        identity: matchIdentity(input.account, input.owners),
        consumerReport: input.consumerReport,
      });
    },

    /** Stores the decision with every input and output; idempotent on the application id. */
    async recordDecision(r: RecordDecisionInput): Promise<void> {
      const d = r.decision;
      await withTransaction(async (c) => {
        await c.query(
          `INSERT INTO underwriting.decisions (application_id, account_id, model_version, policy_version, approved, limit_cents,
             reasons, next_payday, income, features, inputs)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (application_id) DO NOTHING`,
          [
            r.applicationId,
            r.accountId,
            d.modelVersion,
            d.policyVersion,
            d.approved,
            d.limitCents,
            JSON.stringify(d.reasons),
            d.nextPayday,
            JSON.stringify(d.income),
            JSON.stringify(d.features),
            JSON.stringify({ ...r.inputs, identity: d.features.identity }),
          ],
        );
        await c.query(`UPDATE underwriting.applications SET status = $2, completed_at = coalesce(completed_at, now()) WHERE id = $1 AND status = 'running'`, [
          r.applicationId,
          d.approved ? 'approved' : 'declined',
        ]);
      }, getPool());
    },

    async markApplicationFailed(f: { applicationId: string; code: string; reason: string; step: string | null }): Promise<void> {
      await getPool().query(
        `UPDATE underwriting.applications SET status = 'failed', failure_code = $2, failure_reason = $3, completed_at = now()
         WHERE id = $1 AND status = 'running'`,
        [f.applicationId, f.code, `${f.reason}${f.step ? ` (at step ${f.step})` : ''}`],
      );
    },
  };
}
