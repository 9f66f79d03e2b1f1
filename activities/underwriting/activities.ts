/** The underwriting module's activities: decide (pure), record, and fail with a reason. */
import { getPool, withTransaction } from '../../db/pool';
import { businessToday } from '../../platform/business-clock';
import { matchIdentity } from '../../domain/identity-match';
import { underwrite } from '../../domain/underwriting/underwrite';
import type { UnderwritingDecision } from '../../domain/underwriting/types';
import type { ApplicantProfile } from '../accounts/activities';
import { writeAdvanceTerms } from '../accounts/advance-terms';
import type { BankOwners } from '../bank/activities';
import type { BankHistory } from '../bank/history';
import { loadHistorySnapshot } from '../bank/history-snapshot';
import type { ConsumerReportSummary } from '../bureau/consumer-report';
import { toUnderwritingHistory } from './to-domain';

/** The bank history by reference (a snapshot id, bank module), or inline as runs before issue 13 carried it. */
export type BankHistoryRef = { historyId: string; history?: undefined } | { history: BankHistory; historyId?: undefined };

export type UnderwriteInput = {
  account: ApplicantProfile;
  owners: BankOwners;
  consumerReport: ConsumerReportSummary;
} & BankHistoryRef;

export interface RecordDecisionInput {
  applicationId: string;
  accountId: string;
  decision: UnderwritingDecision;
  inputs: { owners: BankOwners; consumerReport: ConsumerReportSummary } & BankHistoryRef;
}

export function underwritingActivities() {
  return {
    /** A pure decision (its one read: the bank history snapshot by id). A local activity, so its result is recorded once and replays never re-decide. */
    async underwrite(input: UnderwriteInput): Promise<UnderwritingDecision> {
      const history = input.history ?? (await loadHistorySnapshot(getPool(), input.historyId));
      // The decision's day is the business clock's; the history's dates stay the bank's.
      const asOf = await businessToday();
      return underwrite({
        history: toUnderwritingHistory(history, asOf),
        identity: matchIdentity(input.account, input.owners),
        consumerReport: input.consumerReport,
      });
    },

    /** Stores the decision with every input and output; idempotent on the application id. */
    async recordDecision(r: RecordDecisionInput): Promise<void> {
      const d = r.decision;
      await withTransaction(async (c) => {
        // The decision and the application's status in one statement (underwriting's own tables).
        await c.query(
          `WITH decided AS (
             INSERT INTO underwriting.decisions (application_id, account_id, model_version, policy_version, approved, limit_cents,
               reasons, next_payday, income, features, inputs)
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (application_id) DO NOTHING)
           UPDATE underwriting.applications SET status = $12, completed_at = coalesce(completed_at, now()) WHERE id = $1 AND status = 'running'`,
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
            d.approved ? 'approved' : 'declined',
          ],
        );
        // The account's terms in the same transaction (the accounts module's own writer): an
        // application never reads `approved` while its limit is invisible to GET /v1/me, and the
        // apply workflow's `update_limit` step is done with it (runs from before ran setAdvanceTerms).
        await writeAdvanceTerms(c, {
          accountId: r.accountId,
          applicationId: r.applicationId,
          approved: d.approved,
          limitCents: d.limitCents,
          nextPayday: d.nextPayday,
          incomeCadence: d.income.cadence,
          modelVersion: d.modelVersion,
        });
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
